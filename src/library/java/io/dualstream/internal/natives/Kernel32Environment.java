package io.dualstream.internal.natives;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.win32.StdCallLibrary;

/**
 * {@link ProcessEnvironment} on real Windows: {@code GetEnvironmentVariableW} /
 * {@code SetEnvironmentVariableW} from kernel32, called through JNA with a two-function mapping of
 * our own (no jna-platform: it would add about 1.4 MB to the fat JAR for two calls).
 *
 * <p>Not run on real Windows in this project's CI (Linux only); see README, "Rebuild OpenCV".
 */
final class Kernel32Environment implements ProcessEnvironment {
    private static final String PATH = "PATH";

    /** The two kernel32 functions, wide-character variants, with GetLastError captured. */
    interface Kernel32 extends StdCallLibrary {
        int GetEnvironmentVariableW(WString name, char[] buffer, int size);

        boolean SetEnvironmentVariableW(WString name, WString value);
    }

    private final Kernel32 kernel32;

    Kernel32Environment() {
        this.kernel32 = Native.load("kernel32", Kernel32.class);
    }

    @Override
    public String path() {
        int needed = kernel32.GetEnvironmentVariableW(new WString(PATH), null, 0);
        if (needed == 0) {
            return "";   // not set (ERROR_ENVVAR_NOT_FOUND) or empty
        }
        char[] buffer = new char[needed];
        int written = kernel32.GetEnvironmentVariableW(new WString(PATH), buffer, buffer.length);
        return new String(buffer, 0, Math.min(written, buffer.length));
    }

    @Override
    public void setPath(String value) {
        if (!kernel32.SetEnvironmentVariableW(new WString(PATH), new WString(value))) {
            throw new IllegalStateException("SetEnvironmentVariableW(PATH) failed with Windows error "
                    + Native.getLastError());
        }
    }
}

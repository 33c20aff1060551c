package io.dualstream.internal.natives;

/**
 * The one OS call the Windows DLL set-up needs, behind an interface so that the search logic runs
 * (and is unit-tested) on any OS.
 *
 * <p>It is the process's own {@code PATH} in the Win32 environment block — what {@code LoadLibraryW}
 * consults during the standard DLL search — not Java's {@link System#getenv()} copy, which Java
 * fixed at start-up and never writes back.
 */
public interface ProcessEnvironment {
    /** The process's current {@code PATH}, empty when it is not set. */
    String path();

    /**
     * Replaces the process's {@code PATH}; later {@code LoadLibrary} calls in this process see it.
     *
     * @throws IllegalStateException naming the OS error when the call failed
     */
    void setPath(String value);
}

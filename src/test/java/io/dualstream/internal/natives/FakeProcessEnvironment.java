package io.dualstream.internal.natives;

import java.util.ArrayList;
import java.util.List;

/**
 * A fake of the Windows process environment (no Windows here): holds PATH in memory and records
 * every write, so tests can check what the real kernel32 calls would have received.
 */
final class FakeProcessEnvironment implements ProcessEnvironment {
    private String path;
    final List<String> writes = new ArrayList<>();

    FakeProcessEnvironment(String initialPath) {
        this.path = initialPath;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void setPath(String value) {
        writes.add(value);
        path = value;
    }
}

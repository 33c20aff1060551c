package io.dualstream.internal.natives;

import java.util.List;

/** A folder the Windows DLL loader needs is missing; the message lists every folder searched. */
public final class MissingDllFolderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> searched;

    MissingDllFolderException(String what, List<String> searched) {
        super(what + ". Searched: " + String.join("; ", searched));
        this.searched = List.copyOf(searched);
    }

    /** Each folder looked at, with what was expected and whether it was found. */
    public List<String> searched() {
        return searched;
    }
}

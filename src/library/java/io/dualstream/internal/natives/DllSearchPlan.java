package io.dualstream.internal.natives;

import java.nio.file.Path;
import java.util.List;

/**
 * The folders the Windows DLL loader must see before OpenCV loads, in order, and every folder that
 * was looked at to find them (for messages and logs).
 *
 * @param folders  {@code bin} folders to put in front of the process's {@code PATH}: a custom OpenCV
 *                 build's first (its DLLs win), then GStreamer's
 * @param searched each folder looked at, with what was expected there and whether it was found
 */
public record DllSearchPlan(List<Path> folders, List<String> searched) {
    public DllSearchPlan {
        folders = List.copyOf(folders);
        searched = List.copyOf(searched);
    }
}

package io.dualstream.internal.natives;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Makes GStreamer's {@code bin} folder, and a custom OpenCV build's {@code bin} folder when one is
 * used, reachable for the Windows DLL loader in this process, before OpenCV's DLLs load — the Java
 * equivalent of Python's {@code os.add_dll_directory} in a {@code sitecustomize.py}.
 *
 * <p>Why the process's {@code PATH} (through {@code SetEnvironmentVariableW}), and not the other
 * Win32 knobs: OpenCV loads its GStreamer plugin with {@code LoadLibraryW(full path)} and no flags,
 * and JavaCPP loads OpenCV's DLLs by full path too, so their dependencies (gstreamer-1.0-0.dll,
 * glib-2.0-0.dll, ... and, for a custom build, opencv_core4100.dll) are found through the standard
 * search order. That order reads the process's {@code PATH} as it is at the moment of the call, and
 * it can hold several folders. {@code SetDllDirectoryW} holds a single folder (and replaces whatever
 * another library set), and {@code AddDllDirectory} folders are only used by loads that pass
 * {@code LOAD_LIBRARY_SEARCH_*} flags, which OpenCV and JavaCPP do not — unless we called
 * {@code SetDefaultDllDirectories}, which would change the search for the whole process, JVM
 * included. Users never edit {@code PATH} themselves: only this process's copy changes.
 *
 * <p>GStreamer is found through {@code GSTREAMER_1_0_ROOT_MSVC_X86_64} (set by its installer), then
 * the installers' default folders. A custom OpenCV {@code bin} comes from the system property
 * {@value #OPENCV_BIN_PROPERTY} or the environment variable {@value #OPENCV_BIN_VARIABLE}, and
 * from the {@code java.library.path} entries that hold OpenCV DLLs (JavaCPP's {@code pathsFirst}
 * set-up). All inputs are passed in, so the logic runs on any OS; see {@link ProcessEnvironment}.
 */
public final class WindowsDllFolders {
    public static final String GSTREAMER_ROOT_VARIABLE = "GSTREAMER_1_0_ROOT_MSVC_X86_64";
    public static final String OPENCV_BIN_PROPERTY = "dualstream.opencv.bin";
    public static final String OPENCV_BIN_VARIABLE = "DUALSTREAM_OPENCV_BIN";
    /** The DLL that marks a GStreamer MSVC x86_64 runtime's bin folder. */
    static final String GSTREAMER_CORE_DLL = "gstreamer-1.0-0.dll";
    static final String GSTREAMER_FIX = "install GStreamer's MSVC x86_64 runtime (gstreamer-1.0-msvc-x86_64-<version>.msi, "
            + "complete installation) or set " + GSTREAMER_ROOT_VARIABLE + " to the folder that holds bin\\"
            + GSTREAMER_CORE_DLL;

    private final Map<String, String> environment;
    private final Optional<String> openCvBinProperty;
    private final List<Path> libraryPath;

    /**
     * @param environment       the process environment (for the GStreamer root, ProgramFiles, SystemDrive
     *                          and {@value #OPENCV_BIN_VARIABLE})
     * @param openCvBinProperty the value of {@value #OPENCV_BIN_PROPERTY}, if set
     * @param libraryPath       the entries of {@code java.library.path}
     */
    public WindowsDllFolders(Map<String, String> environment, Optional<String> openCvBinProperty, List<Path> libraryPath) {
        this.environment = Map.copyOf(environment);
        this.openCvBinProperty = openCvBinProperty.filter(s -> !s.isBlank());
        this.libraryPath = List.copyOf(libraryPath);
    }

    /** The inputs of this JVM: {@link System#getenv()}, the system properties. */
    public static WindowsDllFolders forThisProcess() {
        List<Path> libraryPath = new ArrayList<>();
        for (String entry : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                libraryPath.add(Path.of(entry));
            }
        }
        return new WindowsDllFolders(System.getenv(), Optional.ofNullable(System.getProperty(OPENCV_BIN_PROPERTY)),
                libraryPath);
    }

    /**
     * Finds the folders.
     *
     * @throws MissingDllFolderException listing every folder searched and what to install or set
     */
    public DllSearchPlan plan() {
        List<String> searched = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        folders.addAll(openCvBinFolders(searched));
        folders.add(gstreamerBin(searched));
        return new DllSearchPlan(new ArrayList<>(folders), searched);
    }

    /**
     * Puts the plan's folders in front of the process's {@code PATH} (those already there are not
     * added twice), so every DLL loaded from now on can find its dependencies there.
     *
     * @return the folders that were added; empty when all were already on {@code PATH}
     */
    public static List<Path> apply(DllSearchPlan plan, ProcessEnvironment process) {
        String current = process.path();
        Set<String> present = new LinkedHashSet<>();
        for (String entry : current.split(";")) {
            if (!entry.isBlank()) {
                present.add(normalise(entry));
            }
        }
        List<Path> added = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (Path folder : plan.folders()) {
            if (present.add(normalise(folder.toString()))) {
                added.add(folder);
                prefix.append(folder).append(';');
            }
        }
        if (!added.isEmpty()) {
            process.setPath(current.isEmpty() ? prefix.substring(0, prefix.length() - 1) : prefix + current);
        }
        return added;
    }

    /**
     * The real Windows implementation of {@link ProcessEnvironment} (kernel32 through JNA). JNA is an
     * optional dependency of the library (the fat JAR has it): without it, PATH can be read but not
     * changed, and a folder that is missing from it is reported with both fixes.
     */
    public static ProcessEnvironment kernel32() {
        try {
            Class.forName("com.sun.jna.Native", false, WindowsDllFolders.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return new PathWithoutJna();
        }
        return new Kernel32Environment();
    }

    /** PATH as the JVM saw it at start-up; adding to it needs JNA. */
    private static final class PathWithoutJna implements ProcessEnvironment {
        @Override
        public String path() {
            return Objects.requireNonNullElse(System.getenv("PATH"), "");
        }

        @Override
        public void setPath(String value) {
            throw new IllegalStateException("GStreamer's and OpenCV's DLL folders are not all on PATH and this "
                    + "application has no JNA to add them: put them on PATH (" + value.substring(0,
                    Math.max(0, value.length() - path().length())) + ") or add the dependency net.java.dev.jna:jna");
        }
    }

    private List<Path> openCvBinFolders(List<String> searched) {
        List<Path> found = new ArrayList<>();
        Optional<String> explicit = openCvBinProperty.isPresent() ? openCvBinProperty
                : Optional.ofNullable(environment.get(OPENCV_BIN_VARIABLE)).filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            String source = openCvBinProperty.isPresent() ? "-D" + OPENCV_BIN_PROPERTY : OPENCV_BIN_VARIABLE;
            Path bin = Path.of(explicit.get());
            boolean ok = holdsOpenCvDlls(bin);
            searched.add(bin + " (" + source + ": opencv_core*.dll or opencv_world*.dll) " + (ok ? "found" : "NOT FOUND"));
            if (!ok) {
                throw new MissingDllFolderException(source + " names " + bin + ", which holds no opencv_core*.dll or "
                        + "opencv_world*.dll: point it at the bin folder of your OpenCV build (the driver prints it as "
                        + "INSTALL_DIR; the DLLs are in its x64\\vc17\\bin)", searched);
            }
            found.add(bin);
        }
        for (Path entry : libraryPath) {
            if (holdsOpenCvDlls(entry)) {
                searched.add(entry + " (java.library.path: OpenCV DLLs) found");
                found.add(entry);
            }
        }
        return found;
    }

    private Path gstreamerBin(List<String> searched) {
        List<Path> roots = new ArrayList<>();
        String variable = environment.get(GSTREAMER_ROOT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            roots.add(Path.of(variable));
        }
        for (String programFiles : List.of("ProgramFiles", "ProgramW6432")) {
            String value = environment.get(programFiles);
            if (value != null && !value.isBlank()) {
                roots.add(Path.of(value, "gstreamer", "1.0", "msvc_x86_64"));
            }
        }
        String drive = Optional.ofNullable(environment.get("SystemDrive")).filter(s -> !s.isBlank()).orElse("C:");
        roots.add(Path.of(drive + "\\", "gstreamer", "1.0", "msvc_x86_64"));
        for (Path root : new LinkedHashSet<>(roots)) {
            Path bin = root.resolve("bin");
            boolean ok = Files.isRegularFile(bin.resolve(GSTREAMER_CORE_DLL));
            String why = root.toString().equals(variable) ? GSTREAMER_ROOT_VARIABLE : "default install folder";
            searched.add(bin + " (" + why + ": " + GSTREAMER_CORE_DLL + ") " + (ok ? "found" : "NOT FOUND"));
            if (ok) {
                return bin;
            }
        }
        String hint = variable == null || variable.isBlank() ? " (" + GSTREAMER_ROOT_VARIABLE + " is not set)" : "";
        throw new MissingDllFolderException("GStreamer's MSVC x86_64 runtime was not found" + hint + ": "
                + GSTREAMER_FIX, searched);
    }

    private static boolean holdsOpenCvDlls(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> dlls = Files.newDirectoryStream(folder, "opencv_{core,world}*.dll")) {
            return dlls.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** PATH entries compare case-insensitively on Windows, with or without a trailing separator. */
    private static String normalise(String entry) {
        String s = entry.trim();
        while (s.length() > 3 && (s.endsWith("\\") || s.endsWith("/"))) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}

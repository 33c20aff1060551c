package io.dualstream.internal.pipeline;

import java.io.Serializable;
import java.util.Objects;

/**
 * What an element is for and where it comes from: the facts a "missing element" message needs.
 *
 * @param element the element factory name, e.g. {@code avdec_h265}
 * @param purpose a few words for humans, e.g. "software H.265 decoder"
 * @param plugin the GStreamer plugin that registers it, e.g. {@code libav}
 * @param debianPackage the Debian/Ubuntu package that ships the plugin
 * @param note what else it needs beyond the package, or an empty string
 */
public record ElementInfo(String element, String purpose, String plugin, String debianPackage,
        String note) implements Serializable {

    public ElementInfo {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(debianPackage, "debianPackage");
        Objects.requireNonNull(note, "note");
    }

    /** The command that installs it on Debian/Ubuntu. */
    public String debianInstallCommand() {
        return "sudo apt-get install " + debianPackage;
    }
}

package io.dualstream.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses an option value into an enum constant, case-insensitively, listing the choices on error. */
final class EnumOption {
    private EnumOption() {
    }

    static <E extends Enum<E>> E parse(String command, String option, String value, Class<E> type)
            throws UsageException {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new UsageException(command + ": --" + option + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}

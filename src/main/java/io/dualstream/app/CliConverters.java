package io.dualstream.app;

import io.dualstream.config.DurationText;
import io.dualstream.internal.pipeline.Codec;
import io.dualstream.internal.pipeline.DecoderPreference;
import io.dualstream.internal.pipeline.RtspUrl;
import io.dualstream.internal.stream.CodecChoice;
import io.dualstream.internal.stream.TransportChoice;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * Turns option text into the pipeline's types with one-line errors that list what is accepted.
 * picocli prefixes each message with the option's name. No message repeats the value of an RTSP
 * URL, which may carry a password.
 */
final class CliConverters {
    private CliConverters() {
    }

    static CommandLine register(CommandLine commandLine) {
        return commandLine
                .registerConverter(Duration.class, CliConverters::duration)
                .registerConverter(RtspUrl.class, CliConverters::rtspUrl)
                .registerConverter(Codec.class, text -> parsed(text, Codec::parse))
                .registerConverter(CodecChoice.class, CliConverters::codecChoice)
                .registerConverter(TransportChoice.class, text -> enumValue(text, TransportChoice.class))
                .registerConverter(DecoderPreference.class, text -> enumValue(text, DecoderPreference.class));
    }

    static Duration duration(String text) {
        return DurationText.parse(text).orElseThrow(() -> new TypeConversionException(
                "must be " + DurationText.EXAMPLES + ", got '" + text + "'"));
    }

    static RtspUrl rtspUrl(String text) {
        return parsed(text, RtspUrl::parse);
    }

    static CodecChoice codecChoice(String text) {
        return parsed(text, CodecChoice::parse);
    }

    /** A parser's IllegalArgumentException becomes picocli's one-line conversion error. */
    private static <T> T parsed(String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static <E extends Enum<E>> E enumValue(String text, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        throw new TypeConversionException("must be one of " + choices(type) + ", got '" + text + "'");
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}

package io.dualstream.app;

import io.dualstream.config.DurationText;
import io.dualstream.inspect.CodecChoice;
import io.dualstream.pipeline.Codec;
import io.dualstream.pipeline.DecoderPreference;
import io.dualstream.pipeline.RtspUrl;
import io.dualstream.pipeline.Transport;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

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
                .registerConverter(Codec.class, CliConverters::codec)
                .registerConverter(CodecChoice.class, CliConverters::codecChoice)
                .registerConverter(Transport.class, text -> enumValue(text, Transport.class))
                .registerConverter(DecoderPreference.class, text -> enumValue(text, DecoderPreference.class));
    }

    static Duration duration(String text) {
        return DurationText.parse(text).orElseThrow(() -> new TypeConversionException(
                "must be " + DurationText.EXAMPLES + ", got '" + text + "'"));
    }

    static RtspUrl rtspUrl(String text) {
        try {
            return RtspUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static Codec codec(String text) {
        try {
            return Codec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static CodecChoice codecChoice(String text) {
        try {
            return CodecChoice.parse(text);
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

package io.dualstream.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} with an environment variable and {@code ${secret:NAME}} with an entry of
 * the secrets file, so credentials need not be written in the config file itself. A value may hold
 * several references and plain text around them.
 */
final class ValueResolver {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|secret):([A-Za-z0-9_.-]+)}");

    private final Function<String, String> environment;
    private final Map<String, String> secrets;
    private final String secretsOrigin;

    /**
     * @param secretsOrigin how to name the secrets source in errors, e.g. "secrets file cam-secrets.yaml",
     *                      or empty when no secrets file is configured
     */
    ValueResolver(Function<String, String> environment, Map<String, String> secrets, String secretsOrigin) {
        this.environment = environment;
        this.secrets = Map.copyOf(secrets);
        this.secretsOrigin = secretsOrigin;
    }

    static boolean hasReference(String text) {
        return text.contains("${");
    }

    /** @return the resolved text, or the problem (which never contains a resolved value) */
    Result resolve(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2);
            Optional<String> value;
            if (kind.equals("env")) {
                value = Optional.ofNullable(environment.apply(name));
                if (value.isEmpty()) {
                    return Result.problem("environment variable " + name + " is not set: set it before starting, "
                            + "or use ${secret:" + name + "} with a secrets file");
                }
            } else {
                if (secretsOrigin.isEmpty()) {
                    return Result.problem("${secret:" + name + "} needs a secrets file: add `secrets-file: FILE` "
                            + "at the top of the config, or pass --secrets FILE");
                }
                value = Optional.ofNullable(secrets.get(name));
                if (value.isEmpty()) {
                    return Result.problem("no entry '" + name + "' in " + secretsOrigin + ": add `" + name
                            + ": ...` there");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(out);
        String resolved = out.toString();
        if (resolved.contains("${")) {
            return Result.problem("unknown reference: write ${env:NAME} or ${secret:NAME}");
        }
        return Result.ok(resolved);
    }

    record Result(String value, String problem) {
        static Result ok(String value) {
            return new Result(value, null);
        }

        static Result problem(String problem) {
            return new Result(null, problem);
        }
    }
}

package dev.retailpipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container image's JVM options and environment as the image defines them (jib's {@code <entrypoint>} and
 * {@code <environment>} in pom.xml), so a benchmark of the image's settings runs what the image runs.
 */
record ImageSettings(List<String> jvmOptions, Map<String, String> environment) {

    private static final Pattern ENTRYPOINT = Pattern.compile("<entrypoint>(.*?)</entrypoint>", Pattern.DOTALL);
    private static final Pattern ARG = Pattern.compile("<arg>([^<]*)</arg>");
    private static final Pattern ENVIRONMENT = Pattern.compile("<environment>(.*?)</environment>", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("<([A-Z_][A-Z0-9_]*)>([^<]*)</\\1>");

    static ImageSettings fromPom(Path pom) {
        String text;
        try {
            text = Files.readString(pom);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = new ArrayList<>();
        Matcher entrypoint = ENTRYPOINT.matcher(text);
        if (!entrypoint.find()) {
            throw new IllegalStateException(pom + " defines no image entrypoint");
        }
        Matcher arg = ARG.matcher(entrypoint.group(1));
        while (arg.find()) {
            if (arg.group(1).startsWith("-X")) {
                options.add(arg.group(1));
            }
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher block = ENVIRONMENT.matcher(text);
        if (block.find()) {
            Matcher variable = VARIABLE.matcher(block.group(1));
            while (variable.find()) {
                environment.put(variable.group(1), variable.group(2));
            }
        }
        return new ImageSettings(List.copyOf(options), environment);
    }
}

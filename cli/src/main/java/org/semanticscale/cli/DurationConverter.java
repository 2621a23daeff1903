package org.semanticscale.cli;

import java.time.Duration;
import java.util.Map;
import org.semanticscale.config.Settings;
import picocli.CommandLine.ITypeConverter;

/** A duration option ("90s", "3m", "500ms") read as the config files read durations. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return new Settings(Map.of("option", value)).duration("option");
    }
}

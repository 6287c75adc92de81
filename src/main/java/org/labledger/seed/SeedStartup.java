package org.labledger.seed;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Imports the seed dataset when the service starts: the bundled {@code seeds/labledger.json}, or the file
 * named by {@code labledger.seed.file}. An invalid dataset stops the start with a message naming file,
 * record and field, and writes nothing.
 */
@ApplicationScoped
public class SeedStartup {

    public static final String BUNDLED = "seeds/labledger.json";

    @Inject
    SeedImporter importer;

    @ConfigProperty(name = "labledger.seed.import-on-start", defaultValue = "true")
    boolean importOnStart;

    @ConfigProperty(name = "labledger.seed.file")
    Optional<String> file;

    void onStart(@Observes StartupEvent event) {
        if (importOnStart) {
            importer.importFile(name(), read(), false);
        }
    }

    /** The configured dataset file, or the bundled one. */
    public String name() {
        return file.orElse(BUNDLED);
    }

    public byte[] read() {
        try {
            if (file.isPresent()) {
                return Files.readAllBytes(Path.of(file.get()));
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled dataset " + BUNDLED + " is missing from the application");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + name(), e);
        }
    }
}

package org.snn4j;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's root directory, for tests that read files beside the modules (tests/*.py, every
 * module's sources): Maven runs each module's tests in that module's directory, so the root is found
 * by walking up from the working directory to the directory that holds {@code core/pom.xml}.
 */
public final class ProjectDir {
    private ProjectDir() {}

    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("core/pom.xml"))) return dir;
        }
        throw new IllegalStateException("no snn4j project directory (with core/pom.xml) at or above " + start);
    }
}

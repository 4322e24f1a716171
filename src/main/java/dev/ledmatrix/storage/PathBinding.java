package dev.ledmatrix.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Binds {@code Path} properties ({@code ledmatrix.data-dir}, {@code ledmatrix.plugins-dir}) as plain file system
 * paths where Spring's default conversion gives up: that one resolves the text as a resource of the web
 * application first, and embedded Tomcat rejects a relative path that climbs out of the working directory
 * ({@code ../data}: "The resource path [/../data] has been normalized to [null]"), which stopped startup.
 */
@Component
@ConfigurationPropertiesBinding
class PathBinding implements Converter<String, Path> {

    @Override
    public Path convert(String source) {
        return Path.of(source);
    }
}

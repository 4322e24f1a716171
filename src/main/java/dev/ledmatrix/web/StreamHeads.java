package dev.ledmatrix.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The answer to HEAD on an SSE stream: the headers a GET would start with, and no body. */
final class StreamHeads {

    private StreamHeads() {
    }

    static ResponseEntity<Void> ok() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).cacheControl(CacheControl.noStore())
                .build();
    }
}

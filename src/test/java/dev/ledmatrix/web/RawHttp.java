package dev.ledmatrix.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand over a socket, for requests no well-behaved client would send: paths that are not valid URIs
 * ({@code %zz}, a raw NUL escape), broken headers. Sends {@code Connection: close} and reads to the end.
 */
final class RawHttp {

    private RawHttp() {
    }

    record Response(int status, String head, String body) {

        String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring("content-type:".length()).strip();
                }
            }
            return "";
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    static Response send(int port, String method, String rawTarget, String extraHeaders, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (extraHeaders != null && !extraHeaders.isEmpty()) {
                head.append(extraHeaders);
            }
            if (body != null && (extraHeaders == null || !extraHeaders.toLowerCase(Locale.ROOT).contains("content-length"))) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(rawTarget), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                buffer.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            // a reset after the server sent its answer and closed: keep what arrived
            if (buffer.size() == 0) {
                throw e;
            }
        }
        return buffer.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        String[] statusLine = head.split("\r\n", 2)[0].split(" ");
        if (statusLine.length < 2) {
            throw new IllegalStateException("no HTTP status line in: " + abbreviate(text));
        }
        return new Response(Integer.parseInt(statusLine[1]), head, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            // sizes count bytes; the bodies here are ASCII JSON, so bytes and chars agree
            out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + " chars)" : s;
    }
}

package dev.ledmatrix.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error report, for requests it rejects before they reach Spring (a NUL or an encoded '/' in the
 * path, a broken %-escape, an oversized request line or header): an RFC 9457 problem instead of Tomcat's HTML
 * page, so every error of this API is {@code application/problem+json}. Says nothing about the server or the
 * cause beyond the status.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As the HTML report: only for errors, only if nothing was written and this error is not yet reported.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ApiProblem kind = ApiProblem.forStatus(status);
        String type = kind != null ? ApiProblem.TYPE_PREFIX + kind.slug() : "about:blank";
        String title = kind != null ? kind.title() : "Error";
        String detail = status == 400
                ? "The request is malformed (its path, query or headers) and was refused before reaching the API"
                : "The request was refused with status " + status;
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response cannot take a body: the status alone must do
        }
    }
}

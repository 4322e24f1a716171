package dev.ledmatrix.web.security;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates a request that carries {@code Authorization: Bearer <the API token>}. A request that carries any
 * other Authorization header is refused with 401 at once, reads included: a client that sends a wrong token must
 * learn it, not quietly get the anonymous view (with its secrets masked) and take it for the real one.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Set when a token was sent but was wrong, so the 401 can say so. */
    static final String WRONG_TOKEN = BearerTokenFilter.class.getName() + ".wrong";
    private static final String PREFIX = "Bearer ";

    private final ApiToken token;
    private final AuthenticationEntryPoint refuse;

    BearerTokenFilter(ApiToken token, AuthenticationEntryPoint refuse) {
        this.token = token;
        this.refuse = refuse;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null) {
            if (header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    && token.matches(header.substring(PREFIX.length()).strip())) {
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken
                        .authenticated("api", null, List.of(new SimpleGrantedAuthority("ROLE_API"))));
            } else {
                request.setAttribute(WRONG_TOKEN, Boolean.TRUE);
                refuse.commence(request, response, new BadCredentialsException("wrong bearer token"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

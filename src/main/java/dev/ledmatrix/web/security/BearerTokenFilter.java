package dev.ledmatrix.web.security;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Authenticates a request that carries {@code Authorization: Bearer <the API token>}. */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Set when a token was sent but was wrong, so the 401 can say so. */
    static final String WRONG_TOKEN = BearerTokenFilter.class.getName() + ".wrong";
    private static final String PREFIX = "Bearer ";

    private final ApiToken token;

    BearerTokenFilter(ApiToken token) {
        this.token = token;
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
            }
        }
        chain.doFilter(request, response);
    }
}

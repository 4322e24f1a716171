package dev.ledmatrix.web.security;

import java.io.IOException;
import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads are open; every POST, PUT, PATCH and DELETE under {@code /api/v1} needs the bearer token, as does every
 * actuator endpoint but health, info and prometheus. There are no sessions and no cookies, so no CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiToken token, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, ex) -> problem(json, request, response,
                HttpStatus.UNAUTHORIZED);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(token, unauthorized), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .requestMatchers("/api/**").hasRole("API")
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasRole("API")
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, ex) -> problem(json, request, response,
                                HttpStatus.FORBIDDEN)));
        return http.build();
    }

    /** No users: authentication is by API token only (this also stops Boot generating a password). */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    private static void problem(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            HttpStatus status) throws IOException {
        boolean wrong = request.getAttribute(BearerTokenFilter.WRONG_TOKEN) != null;
        String detail = wrong
                ? "The bearer token is wrong. Use ledmatrix.security.api-token or the token in <data-dir>/api-token."
                : "This request needs the header Authorization: Bearer <token> (ledmatrix.security.api-token, or "
                        + "the token generated into <data-dir>/api-token).";
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(status == HttpStatus.UNAUTHORIZED ? "/problems/unauthorized" : "/problems/forbidden"));
        body.setTitle(status == HttpStatus.UNAUTHORIZED ? "Authentication required" : "Forbidden");
        body.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ledmatrix\"");
        }
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}

package dev.ledmatrix.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

/** The title and description Swagger UI shows above the endpoints. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BEARER = "bearer-token";

    @Bean
    OpenAPI ledmatrixOpenApi() {
        return new OpenAPI()
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The API token: ledmatrix.security.api-token, or the one generated at first "
                                + "start into <data-dir>/api-token")))
                .info(new Info()
                .title("ledmatrix-manager API")
                .version("v1")
                .description("Runs the display plugins of an RGB LED matrix: their state, schedule, errors and "
                        + "the live display. Reads are open; POST, PUT and DELETE need `Authorization: Bearer <token>`. "
                        + "Errors are RFC 9457 problem details.")
                .license(new License().name("MIT")));
    }
}

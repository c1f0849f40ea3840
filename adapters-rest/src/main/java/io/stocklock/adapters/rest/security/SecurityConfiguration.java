package io.stocklock.adapters.rest.security;

import io.stocklock.adapters.rest.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint needs a valid bearer token with the right scope, unless security is switched off by configuration.
 * Failures are problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecuritySettings settings, JsonMapper json) throws Exception {
        var refusedTokens = new RefusedTokens(settings, json);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(refusedTokens, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new CallerLimits(settings, json), BearerTokenAuthenticationFilter.class);
        if (!settings.enabled()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health",
                                "/actuator/health/**", "/actuator/prometheus", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("SCOPE_operations")
                        .requestMatchers(HttpMethod.GET, "/reservations/**").hasAuthority("SCOPE_reservations:read")
                        .requestMatchers(HttpMethod.HEAD, "/reservations/**").hasAuthority("SCOPE_reservations:read")
                        .requestMatchers(HttpMethod.POST, "/reservations/**", "/reservations")
                        .hasAuthority("SCOPE_reservations:write")
                        .requestMatchers(HttpMethod.GET, "/inventory/**", "/inventory")
                        .hasAuthority("SCOPE_inventory:read")
                        .requestMatchers(HttpMethod.HEAD, "/inventory/**", "/inventory")
                        .hasAuthority("SCOPE_inventory:read")
                        .requestMatchers(HttpMethod.GET, "/locations/**", "/locations")
                        .hasAuthority("SCOPE_inventory:read")
                        .requestMatchers(HttpMethod.HEAD, "/locations/**", "/locations")
                        .hasAuthority("SCOPE_inventory:read")
                        .requestMatchers(HttpMethod.GET, "/waiting-list/**").hasAuthority("SCOPE_reservations:read")
                        .requestMatchers(HttpMethod.HEAD, "/waiting-list/**").hasAuthority("SCOPE_reservations:read")
                        .requestMatchers("/waiting-list", "/waiting-list/**").hasAuthority("SCOPE_reservations:write")
                        .requestMatchers(HttpMethod.GET, "/sales/**").hasAuthority("SCOPE_reservations:read")
                        .requestMatchers(HttpMethod.HEAD, "/sales/**").hasAuthority("SCOPE_reservations:read")
                        .requestMatchers("/inventory/**", "/inventory", "/locations/**", "/locations", "/sales/**")
                        .hasAuthority("SCOPE_inventory:write")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((request, response, failure) -> {
                            refusedTokens.refused(request);
                            problem(response, json, Problems.UNAUTHORIZED.detail("a valid bearer token is required: "
                                    + failure.getMessage()), "Bearer");
                        })
                        .accessDeniedHandler((request, response, failure) -> problem(response, json,
                                Problems.FORBIDDEN.detail("the token lacks the scope this needs"),
                                "Bearer error=\"insufficient_scope\"")))
                .build();
    }

    /**
     * No observation around each security filter: turning them off by property still wrapped every filter of every
     * request (6% of the service's allocations under load). HTTP requests are still observed as a whole.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The default firewall's header checks, without its regular expressions: a header name or value may hold any
     * assigned character but a control character (tab allowed in values). The regular expressions took 12% of the
     * service's CPU under load, checking every bearer token character by character. A request the firewall refuses is
     * answered 400 {@code invalid-request} like any other.
     */
    @Bean
    WebSecurityCustomizer cheaperHeaderChecks(JsonMapper json) {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> printable(name, false));
        firewall.setAllowedHeaderValues(value -> printable(value, true));
        return web -> web.httpFirewall(firewall).requestRejectedHandler((request, response, rejected) ->
                problem(response, json, Problems.INVALID_REQUEST.detail("a header holds a control character, or "
                        + "the path is not a plain one (encoded slashes, dot segments, semicolons)"), null));
    }

    private static boolean printable(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((Character.isISOControl(c) && !(tabAllowed && c == '\t')) || !Character.isDefined(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A token must say when it expires: one without {@code exp} would be good forever. Spring Boot's own decoders
     * (JWK set, issuer, public key) take this validator too, next to their issuer and audience checks.
     */
    @Bean
    OAuth2TokenValidator<Jwt> expiryRequired() {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
    }

    /**
     * A token must name its caller: reservations, holdings and the rate limit are the subject's, and a token without
     * {@code sub} (or with a blank one) belongs to nobody.
     */
    @Bean
    OAuth2TokenValidator<Jwt> subjectRequired() {
        return new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank());
    }

    /**
     * A shared HS256 secret, when configured; otherwise Spring Boot's JWK set, issuer or public key applies. Tokens
     * must carry {@code exp} (and are refused {@code clock-skew} after it), the issuer when
     * {@code stocklock.security.issuer} is set, and one of {@code spring.security.oauth2.resourceserver.jwt.audiences}
     * when those are set.
     */
    @Bean
    @ConditionalOnProperty("stocklock.security.jwt-secret")
    JwtDecoder sharedSecretJwtDecoder(SecuritySettings settings, OAuth2ResourceServerProperties boot,
                                      List<OAuth2TokenValidator<Jwt>> validators) {
        byte[] secret = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("stocklock.security.jwt-secret must be at least 32 bytes");
        }
        if (StringUtils.hasText(boot.getJwt().getIssuerUri()) || StringUtils.hasText(boot.getJwt().getJwkSetUri())) {
            throw new IllegalStateException("stocklock.security.jwt-secret and spring.security.oauth2.resourceserver."
                    + "jwt.issuer-uri or jwk-set-uri are both set: configure one way of checking tokens");
        }
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>(validators);
        checks.add(new JwtTimestampValidator(settings.clockSkew()));
        if (StringUtils.hasText(settings.issuer())) {
            checks.add(new JwtIssuerValidator(settings.issuer()));
        }
        List<String> audiences = boot.getJwt().getAudiences();
        if (!audiences.isEmpty()) {
            checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && !Collections.disjoint(aud, audiences)));
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(checks));
        return decoder;
    }

    static void problem(HttpServletResponse response, JsonMapper json, ProblemDetail problem, String challenge)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.getWriter().write(json.writeValueAsString(problem));
    }
}

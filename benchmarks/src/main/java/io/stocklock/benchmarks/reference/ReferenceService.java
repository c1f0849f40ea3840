package io.stocklock.benchmarks.reference;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What a team would build instead of stocklock, to compare against in the same run: a plain Spring Boot service
 * (WebMVC, Spring Security's JWT resource server, spring-jdbc, HikariCP) that decides each reservation synchronously
 * in its own transaction with {@code SELECT ... FOR UPDATE} ({@code POST /reservations}), and an authenticated no-op
 * on the same stack ({@code POST /noop}), the ceiling of any endpoint there. Started by the benchmark as a process of
 * its own; its tables live in the schema {@code reference} of stocklock's database.
 */
@SpringBootApplication
public class ReferenceService {

    public static void main(String[] args) {
        SpringApplication.run(ReferenceService.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${reference.jwt-secret}") String secret) {
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
    }
}

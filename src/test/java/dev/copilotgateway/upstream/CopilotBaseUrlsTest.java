package dev.copilotgateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.persistence.GitHubAccount.AccountType;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The resolution order of UPSTREAM.md §5. */
class CopilotBaseUrlsTest {

    private static final Optional<URI> NONE = Optional.empty();

    @Test
    void theSettingOverridesEverything() {
        URI configured = URI.create("http://127.0.0.1:9999");
        assertEquals(configured, CopilotBaseUrls.resolve(Optional.of(configured), "corp.ghe.com",
                Optional.of(URI.create("https://api.business.githubcopilot.com")), AccountType.BUSINESS));
    }

    @Test
    void anEnterpriseHostHasItsOwnCopilotApi() {
        assertEquals(URI.create("https://copilot-api.corp.ghe.com"), CopilotBaseUrls.resolve(NONE, "corp.ghe.com",
                Optional.of(URI.create("https://api.individual.githubcopilot.com")), AccountType.INDIVIDUAL));
    }

    @Test
    void theAdvertisedEndpointIsUsedWhenItIsACopilotHostOverHttps() {
        assertEquals(URI.create("https://api.individual.githubcopilot.com"), CopilotBaseUrls.resolve(NONE, null,
                Optional.of(URI.create("https://api.individual.githubcopilot.com/")), AccountType.BUSINESS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.individual.githubcopilot.com", "https://evil.example.com", "https://githubcopilot.com.evil.com",
        "https://user@api.githubcopilot.com", "https://api.githubcopilot.com?x=1"})
    void anyOtherAdvertisedEndpointIsIgnored(String advertised) {
        assertEquals(URI.create("https://api.githubcopilot.com"),
                CopilotBaseUrls.resolve(NONE, null, Optional.of(URI.create(advertised)), AccountType.INDIVIDUAL));
    }

    @ParameterizedTest
    @CsvSource({
            "INDIVIDUAL, https://api.githubcopilot.com",
            "BUSINESS, https://api.business.githubcopilot.com",
            "ENTERPRISE, https://api.enterprise.githubcopilot.com"})
    void otherwiseTheAccountTypeDecides(AccountType type, String expected) {
        assertEquals(URI.create(expected), CopilotBaseUrls.resolve(NONE, null, NONE, type));
    }
}

package dev.copilotgateway.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.copilotgateway.config.TestConfigs;
import dev.copilotgateway.persistence.GitHubAccount.AccountType;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Enterprise domains, the hosts they lead to (UPSTREAM.md §1), and the account options an operator gives. */
class HostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"company.ghe.com", "https://company.ghe.com///", "HTTP://Company.GHE.com/", "  company.ghe.com "})
    void enterpriseHostsAreNormalised(String given) {
        assertEquals(Optional.of("company.ghe.com"), EnterpriseHost.normalise(given));
    }

    @ParameterizedTest
    @ValueSource(strings = {"company", "evil.com/path", "user@evil.com", "evil.com:8443", "a b.com", "-x.com"})
    void anythingButAHostNameIsRefused(String given) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EnterpriseHost.normalise(given));
        assertEquals("enterpriseHost must be a host name such as company.ghe.com", refused.getMessage());
    }

    @Test
    void blankMeansGitHubDotCom() {
        assertEquals(Optional.empty(), EnterpriseHost.normalise(" "));
        assertEquals(Optional.empty(), EnterpriseHost.normalise(null));
    }

    @Test
    void githubDotComAccountsUseTheSettingsEnterpriseAccountsTheirDomain() {
        var config = TestConfigs.fromEnvironment(Map.of(
                "COPILOT_GATEWAY_GITHUB_URL", "http://127.0.0.1:1234",
                "COPILOT_GATEWAY_GITHUB_API_URL", "http://127.0.0.1:1235"));

        assertEquals(new GitHubHosts(URI.create("http://127.0.0.1:1234"), URI.create("http://127.0.0.1:1235")), GitHubHosts.of(config, null));
        assertEquals(new GitHubHosts(URI.create("https://company.ghe.com"), URI.create("https://api.company.ghe.com")),
                GitHubHosts.of(config, "company.ghe.com"));
    }

    @Test
    void accountOptionsAcceptTheThreeAccountTypesInAnyCase() {
        assertEquals(Optional.of(AccountType.BUSINESS), AccountOptions.parse("Business", null, null).accountType());
        assertEquals(new AccountOptions(Optional.of(AccountType.ENTERPRISE), Optional.of("corp.ghe.com"), Optional.of(3)),
                AccountOptions.parse("enterprise", "https://corp.ghe.com/", 3));
        assertEquals(AccountOptions.NONE, AccountOptions.parse(null, "", null));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AccountOptions.parse("team", null, null));
        assertEquals("Invalid account type: team. Valid values: individual, business, enterprise", refused.getMessage());
    }
}

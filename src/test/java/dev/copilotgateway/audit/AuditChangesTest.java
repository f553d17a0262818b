package dev.copilotgateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChangesTest {

    private static String json(String body) {
        return AuditChanges.ofJson(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void harmlessFieldsKeepTheirValueEverythingElseOnlyThatItWasSet() {
        String changes = json("{\"githubToken\":\"ghu_secretTokenValue0123\",\"priority\":5,\"enabled\":false,\"name\":\"team seat\"}");

        assertEquals("{\"githubToken\":\"(set)\",\"priority\":5,\"enabled\":false,\"name\":\"team seat\"}", changes);
        assertFalse(changes.contains("ghu_"));
    }

    @Test
    void passwordsAndUnknownFieldsNeverShowTheirValue() {
        String changes = json("{\"username\":\"carol\",\"password\":\"correct horse battery staple\",\"role\":\"viewer\",\"apiKey\":\"cgw_x\"}");

        assertEquals("{\"username\":\"carol\",\"password\":\"(set)\",\"role\":\"viewer\",\"apiKey\":\"(set)\"}", changes);
    }

    @Test
    void nothingToShowForAnEmptyOrMalformedBody() {
        assertNull(AuditChanges.ofJson(new byte[0]));
        assertNull(AuditChanges.ofJson(null));
        assertNull(json("{not json"));
        assertNull(json("[1,2]"));
    }

    @Test
    void aFormLeavesOutItsCsrfTokenAndHidesItsPassword() {
        Map<String, String[]> form = new LinkedHashMap<>();
        form.put("csrf", new String[] {"csrf-token-value"});
        form.put("username", new String[] {"dave"});
        form.put("password", new String[] {"hunter2hunter2"});

        assertEquals("{\"username\":\"dave\",\"password\":\"(set)\"}", AuditChanges.ofForm(form));
        assertNull(AuditChanges.ofForm(Map.of("csrf", new String[] {"x"})), "only the token: nothing changed to show");
    }

    @Test
    void actionsNameTheirIdsAsPlaceholders() {
        assertEquals("PATCH /admin/api/accounts/{id}", AuditEntry.action("PATCH", "/admin/api/accounts/12"));
        assertEquals("POST /console/keys/{id}/revoke", AuditEntry.action("POST", "/console/keys/345/revoke"));
        assertEquals("POST /admin/api/keys", AuditEntry.action("POST", "/admin/api/keys"));
        assertEquals("345", AuditEntry.idIn("/console/keys/345/revoke"));
        assertNull(AuditEntry.idIn("/admin/api/pool"));
    }
}

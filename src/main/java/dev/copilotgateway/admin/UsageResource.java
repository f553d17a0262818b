package dev.copilotgateway.admin;

import dev.copilotgateway.persistence.UsageRecordRepository.Filter;
import dev.copilotgateway.persistence.UsageRecordRepository.GroupBy;
import dev.copilotgateway.persistence.UsageRecordRepository.Sums;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.usage.UsageQueries;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Usage records through the admin API: the request log ({@code GET /admin/api/requests}, newest first, paged by the
 * {@code before} cursor), the sums ({@code GET /admin/api/usage?groupBy=key|account|model|day}, days in UTC), each as
 * JSON or CSV ({@code format=csv} or {@code Accept: text/csv}), and a purge on demand
 * ({@code POST /admin/api/usage/purge?before=}, by default of what the retention allows).
 */
@Singleton
@Path("admin/api")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class UsageResource {

    static final String CSV = "text/csv;charset=UTF-8";

    private final UsageQueries usage;
    private final Clock clock;

    @Inject
    public UsageResource(UsageQueries usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @GET
    @Path("requests")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response requests(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UsageParams params = UsageParams.forRequests(uri.getQueryParameters());
        Filter filter = params.filter();
        int limit = params.limit();
        boolean csv = params.csv(accept);
        UsageQueries.Page page = usage.requests(filter, params.before(), limit);
        if (!csv) {
            return Response.ok(UsageJson.page(page), MediaType.APPLICATION_JSON_TYPE).build();
        }
        Response.ResponseBuilder answer = Response.ok(UsageJson.pageCsv(page), CSV)
                .header("Content-Disposition", "attachment; filename=\"requests.csv\"")
                .header("X-Has-More", page.hasMore());
        if (page.hasMore()) {
            answer.header("X-Next-Before", UsageParams.cursor(page.next()));
        }
        return answer.build();
    }

    @GET
    @Path("usage")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response usage(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UsageParams params = UsageParams.forUsage(uri.getQueryParameters());
        GroupBy groupBy = params.groupBy();
        Filter filter = params.filter();
        boolean csv = params.csv(accept);
        List<Sums> sums = usage.sums(groupBy, filter);
        if (!csv) {
            return Response.ok(UsageJson.sums(groupBy, sums), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(UsageJson.sumsCsv(groupBy, sums), CSV)
                .header("Content-Disposition", "attachment; filename=\"usage-by-" + UsageJson.groupColumn(groupBy) + ".csv\"")
                .build();
    }

    /** Deletes the records older than {@code before} (an ISO-8601 time; default: now minus {@code usage-retention}). */
    @POST
    @Path("usage/purge")
    public Response purge(@Context UriInfo uri) {
        Map<String, List<String>> query = uri.getQueryParameters();
        for (String name : query.keySet()) {
            if (!name.equals("before")) {
                throw new InvalidRequestException(name, "Unknown parameter '" + name + "'; known: before");
            }
        }
        Instant before = QueryValues.time("before", query.getOrDefault("before", List.of()).stream().findFirst().orElse(null));
        Instant cutoff = before != null ? before : usage.retentionCutoff(clock.instant());
        int deleted = usage.purgeBefore(cutoff);
        return Response.ok(JsonIo.object().add("deleted", deleted).add("before", cutoff.toString()).build()).build();
    }
}

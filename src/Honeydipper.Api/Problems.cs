using Microsoft.AspNetCore.Http;

namespace Honeydipper.Api;

/// <summary>RFC 7807 problem details for every error the API answers.</summary>
internal static class Problems
{
    public static IResult Of(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: $"https://honeydipper.io/problems/{Slug(title)}", extensions: extensions);

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NoNamespace(string ns) =>
        Of(StatusCodes.Status404NotFound, "Namespace not served", $"namespace {ns}: no engine runs here (no Honeydipper objects in it, or this replica does not lead)");

    /// <summary>Writes a problem outside an endpoint (middleware: authentication, rate limits, errors).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        Of(status, title, detail).ExecuteAsync(context);

    private static string Slug(string title) => title.ToLowerInvariant().Replace(' ', '-');
}

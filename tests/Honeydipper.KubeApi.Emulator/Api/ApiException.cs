using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>An error that the emulator answers with a metav1.Status, as kube-apiserver does.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus()
    {
        JsonObject status = new()
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = Code;
        return status;
    }

    public static ApiException NotFound(string groupResource, string name) =>
        new(404, "NotFound", $"{groupResource} \"{name}\" not found", NameDetails(groupResource, name));

    public static ApiException AlreadyExists(string groupResource, string name) =>
        new(409, "AlreadyExists", $"{groupResource} \"{name}\" already exists", NameDetails(groupResource, name));

    public static ApiException Conflict(string groupResource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {groupResource} \"{name}\": {why}", NameDetails(groupResource, name));

    public static ApiException StaleResourceVersion(string groupResource, string name) =>
        Conflict(groupResource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotSupported(string groupResource, string verb) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource", new JsonObject { ["group"] = "", ["kind"] = groupResource, ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = verb }) });

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedHeader", ["message"] = contentType }) });

    public static ApiException Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    public static ApiException Forbidden(string groupResource, string name, string why) =>
        new(403, "Forbidden", $"{groupResource} \"{name}\" is forbidden: {why}", NameDetails(groupResource, name));

    /// <summary>422 in the shape kube-apiserver uses: one error inline, several in brackets, each as a cause.</summary>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<Validation.FieldError> errors)
    {
        string qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        string joined = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors.Select(e => e.ToString()))}]";
        JsonArray causes = [];
        foreach (Validation.FieldError error in errors)
        {
            causes.Add(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Detail, ["field"] = error.Field });
        }

        JsonObject details = new() { ["name"] = name, ["group"] = group, ["kind"] = kind, ["causes"] = causes };
        return new ApiException(422, "Invalid", $"{qualified} \"{name}\" is invalid: {joined}", details);
    }

    private static JsonObject NameDetails(string groupResource, string name)
    {
        int dot = groupResource.IndexOf('.', StringComparison.Ordinal);
        string kind = dot < 0 ? groupResource : groupResource[..dot];
        string group = dot < 0 ? "" : groupResource[(dot + 1)..];
        return new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind };
    }
}

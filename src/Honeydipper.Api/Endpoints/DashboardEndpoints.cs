using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Honeydipper.Api.Endpoints;

/// <summary>
/// The dashboard: a page, a script and a style sheet embedded in this assembly, served as they are. They hold no
/// data (the script reads it from the API with the user's token), so they need no authentication.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly Dictionary<string, (byte[] Bytes, string Type)> Files = Load();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html")).ExcludeFromDescription();
        app.MapGet("/ui/{file}", (string file) => Serve(file)).ExcludeFromDescription();
    }

    private static IResult Serve(string file) => Files.TryGetValue(file, out (byte[] Bytes, string Type) f)
        ? Results.Bytes(f.Bytes, f.Type)
        : Problems.NotFound($"no dashboard file {file}");

    private static Dictionary<string, (byte[], string)> Load()
    {
        Assembly assembly = typeof(DashboardEndpoints).Assembly;
        Dictionary<string, (byte[], string)> files = new(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using MemoryStream copy = new();
            stream.CopyTo(copy);
            string file = name["dashboard/".Length..];
            string type = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            files[file] = (copy.ToArray(), type);
        }

        return files;
    }
}

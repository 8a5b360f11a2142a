using System.Globalization;
using Honeydipper.Core.Values;
using Honeydipper.Drivers.Sdk;
using StackExchange.Redis;

namespace Honeydipper.Drivers.Redis;

/// <summary>Parameters and values of the redis driver's commands, with errors that name the command and the parameter.</summary>
internal static class RedisValues
{
    public static string Required(CommandContext ctx, string name) =>
        ctx.Text(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"[redis] {ctx.Method}: parameter {name} is required but missing");

    /// <summary>A duration parameter: a Go duration (<c>90s</c>, <c>3h</c>) or a number of seconds; null when absent.</summary>
    public static TimeSpan? Duration(CommandContext ctx, string name)
    {
        if (!ctx.Parameters.TryGetValue(name, out object? value) || value is null || value is string { Length: 0 })
        {
            return null;
        }

        TimeSpan? parsed = value switch
        {
            double seconds when seconds > 0 => TimeSpan.FromSeconds(seconds),
            string text when GoDuration.TryParse(text, out long ns) && ns > 0 => GoDuration.ToTimeSpan(ns),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 => TimeSpan.FromSeconds(seconds),
            _ => null,
        };
        return parsed ?? throw new InvalidOperationException($"[redis] {ctx.Method}: parameter {name} \"{GoValueFormatter.Format(value)}\" is not a positive duration; give a Go duration such as 90s or 3h, or a number of seconds");
    }

    public static bool Flag(CommandContext ctx, string name) =>
        ctx.Parameters.TryGetValue(name, out object? value) && value switch
        {
            bool b => b,
            string s => bool.TryParse(s, out bool b) && b,
            double d => d != 0,
            _ => false,
        };

    /// <summary>What is stored for a value: text as it is (as the original stores it), anything else as JSON (or text as JSON when asked).</summary>
    public static RedisValue Encode(object? value, bool toJson = false) =>
        value is string text && !toJson ? text : GoJson.Serialize(value, escapeHtml: false);

    /// <summary>Stored text as data: its JSON when it is JSON, else null.</summary>
    public static bool TryDecode(string text, out object? data)
    {
        try
        {
            data = GoJson.Deserialize(text);
            return true;
        }
        catch (FormatException)
        {
            data = null;
            return false;
        }
    }

    /// <summary>Runs a Redis call and says which command could not reach Redis when it fails.</summary>
    public static async Task<T> Call<T>(CommandContext ctx, string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            throw new InvalidOperationException($"[redis] {ctx.Method} {what}: {ex.Message}", ex);
        }
    }
}

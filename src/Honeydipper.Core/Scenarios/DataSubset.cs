using System.Globalization;
using System.Text.Json;

namespace Honeydipper.Core.Scenarios;

/// <summary>Checks that expected data is a subset of actual data: maps by key, lists element by element, scalars by value.</summary>
public static class DataSubset
{
    /// <summary>The first difference as <c>path: expected X, got Y</c>, or null when the expected data is contained.</summary>
    public static string? FirstDifference(object? expected, object? actual, string path = "")
    {
        switch (expected)
        {
            case IDictionary<string, object?> map:
                if (actual is not IDictionary<string, object?> actualMap)
                {
                    return Difference(path, expected, actual);
                }

                foreach ((string key, object? value) in map)
                {
                    string child = path.Length == 0 ? key : $"{path}.{key}";
                    if (!actualMap.TryGetValue(key, out object? actualValue))
                    {
                        return $"{child}: expected {Show(value)}, but it is not there";
                    }

                    if (FirstDifference(value, actualValue, child) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case IList<object?> list:
                if (actual is not IList<object?> actualList || actualList.Count != list.Count)
                {
                    return Difference(path, expected, actual);
                }

                for (int i = 0; i < list.Count; i++)
                {
                    if (FirstDifference(list[i], actualList[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                return ScalarEquals(expected, actual) ? null : Difference(path, expected, actual);
        }
    }

    /// <summary>Values as people read them in messages: JSON, with text quoted.</summary>
    public static string Show(object? value)
    {
        try
        {
            return JsonSerializer.Serialize(value);
        }
        catch (NotSupportedException)
        {
            return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
        }
    }

    private static bool ScalarEquals(object? expected, object? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        if (IsNumber(expected) && IsNumber(actual))
        {
            return Convert.ToDouble(expected, CultureInfo.InvariantCulture) == Convert.ToDouble(actual, CultureInfo.InvariantCulture);
        }

        return expected.Equals(actual);
    }

    private static bool IsNumber(object value) => value is double or float or int or long or short or decimal;

    private static string Difference(string path, object? expected, object? actual) =>
        $"{(path.Length == 0 ? "value" : path)}: expected {Show(expected)}, got {Show(actual)}";
}

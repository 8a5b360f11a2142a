using System.Text;

namespace Honeydipper.Drivers;

/// <summary>HTTP headers as Go's net/http shows them to configurations: canonical names, lists of values.</summary>
public static class GoHeaders
{
    /// <summary>Go's CanonicalMIMEHeaderKey: <c>x-github-event</c> → <c>X-Github-Event</c>; names with other characters stay as they are.</summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || "!#$%&'*+.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return name;
            }
        }

        StringBuilder sb = new(name.Length);
        bool upper = true;
        foreach (char c in name)
        {
            sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = c == '-';
        }

        return sb.ToString();
    }
}

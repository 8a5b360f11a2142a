namespace Honeydipper.Api.Auth;

/// <summary>Who made a request, as the authenticator established it.</summary>
public sealed record ApiUser(string Name, IReadOnlyList<string> Groups)
{
    public static ApiUser Anonymous(string address) => new($"anonymous@{address}", []);
}

using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers;

/// <summary>A driver that ships with Honeydipper.</summary>
public interface IBuiltinDriver
{
    /// <summary>The driver type (<c>webhook</c>, <c>web</c>, <c>echo</c>...).</summary>
    string Type { get; }

    /// <summary>Registers command handlers; called before the host starts reading commands.</summary>
    void Register(DriverHost host);

    /// <summary>Serves what the driver serves (the webhook's listener) once the options are loaded, until cancelled.</summary>
    Task ServeAsync(DriverHost host, CancellationToken cancellationToken);
}

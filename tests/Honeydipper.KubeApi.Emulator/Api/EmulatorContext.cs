using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>The state one emulator instance shares between its HTTP handlers and its background controllers.</summary>
internal sealed record EmulatorContext(ResourceRegistry Registry, ObjectStore Store, TimeProvider Time, EmulatorOptions Options);

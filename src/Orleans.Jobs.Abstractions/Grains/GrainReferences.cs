using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Orleans.Jobs;

/// <summary>
/// String-keyed grain references without Orleans' per-call type resolution: <c>GetGrain&lt;T&gt;(key)</c> reads the
/// interface's attributes by reflection on every call (about 5 % of a drain's CPU in the profile). The grain type and
/// interface type are resolved once per grain factory and interface, then each reference is made from its id.
/// </summary>
internal static class GrainReferences
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)>> _types = [];

    /// <summary>The grain of interface <typeparamref name="TGrain"/> with the string key <paramref name="key"/>.</summary>
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        var known = _types.GetValue(grains, static _ => new ConcurrentDictionary<Type, (GrainType, GrainInterfaceType)>());
        if (!known.TryGetValue(typeof(TGrain), out var types))
        {
            var first = grains.GetGrain<TGrain>(key);
            known[typeof(TGrain)] = ((GrainType)first.GetGrainId().Type, ((GrainReference)(object)first).InterfaceType);
            return first;
        }

        return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }
}

using NodeSim.Models.Costs;
using NodeSim.Models.Network;

namespace NodeSim.Engine.Execution;

/// <summary>
/// What a message costs in LogGP terms on one stack, in integer nanoseconds, between nodes or within one:
/// the sender's CPU time (o, and between nodes the stack's <see cref="MessagePath.Send"/>), the time from
/// its departure to its arrival (L + G·bytes, and between nodes the I/O cores' steps of an interrupt-driven
/// path), the receiver's CPU time (o, and between nodes <see cref="MessagePath.TargetCore"/>) and the
/// NIC's gap before the sender's next message (g + G·bytes; none through shared memory).
/// </summary>
internal sealed class MessageCosts
{
    private readonly Interconnect _network;
    private readonly Func<long, MessagePath> _path;
    private readonly bool _ioCoreRunsRank;
    private readonly long _overhead;
    private readonly Dictionary<long, PathNs> _byBytes = [];

    /// <summary>A message path of a given size in nanoseconds: on the sender, on the I/O cores (latency), on the receiver, and the I/O core's relay.</summary>
    private sealed record PathNs(long Send, long IoLatency, long Receive, long RelaySend, long RelayReceive, float[] RelayMakeupPerNs);

    /// <param name="path">The stack's path for a message of so many bytes (<see cref="MessagePath.Free"/> on a polled network, and on the ideal machine).</param>
    /// <param name="ioCoreRunsRank">Whether the node's I/O core is the first core of the node, which runs a rank.</param>
    public MessageCosts(Interconnect network, Func<long, MessagePath> path, bool ioCoreRunsRank)
    {
        _network = network;
        _path = path;
        _ioCoreRunsRank = ioCoreRunsRank;
        _overhead = Ns(network.OverheadSeconds);
    }

    private PathNs Of(long bytes)
    {
        if (_byBytes.TryGetValue(bytes, out var known)) return known;
        var path = _path(bytes);
        var makeup = new float[NoiseCauses.Count];
        var io = path.IoCores;
        if (_ioCoreRunsRank && io.Total > 0)
            foreach (var cause in NoiseCauses.All) makeup[NoiseCauses.Slot(cause)] = (float)(io[cause] / io.Total);
        return _byBytes[bytes] = new PathNs(Ns(path.Send.Total), Ns(path.SendRelay.Total + path.InterruptCore.Total), Ns(path.TargetCore.Total),
            _ioCoreRunsRank ? Ns(path.SendRelay.Total) : 0, _ioCoreRunsRank ? Ns(path.InterruptCore.Total) : 0, makeup);
    }

    public long SendNs(bool between, long bytes) => _overhead + (between ? Of(bytes).Send : 0);
    public long ReceiveNs(bool between, long bytes) => _overhead + (between ? Of(bytes).Receive : 0);
    public long WireNs(bool between, long bytes) => Ns(_network.WireSeconds(between, bytes)) + (between ? Of(bytes).IoLatency : 0);
    public long GapNs(bool between, long bytes) => between ? Ns(_network.GapSeconds + _network.SecondsPerByte * bytes) : 0;

    /// <summary>What the node's I/O core does for each message another rank of its node sends (0: the core runs no rank).</summary>
    public long RelaySendNs(long bytes) => Of(bytes).RelaySend;

    /// <summary>What the node's I/O core does for each message another rank of its node receives (0: the core runs no rank).</summary>
    public long RelayReceiveNs(long bytes) => Of(bytes).RelayReceive;

    /// <summary>What the I/O core's relay is made of, per nanosecond of it, by noise cause slot.</summary>
    public float[] RelayMakeupPerNs(long bytes) => Of(bytes).RelayMakeupPerNs;

    /// <summary>A round's costs for messages of <paramref name="bytes"/>, looked up once (index 1: between nodes, 0: within one).</summary>
    public RoundCosts For(long bytes) => new(
        [SendNs(false, bytes), SendNs(true, bytes)], [WireNs(false, bytes), WireNs(true, bytes)], [ReceiveNs(false, bytes), ReceiveNs(true, bytes)], GapNs(true, bytes));

    /// <summary>Whether a message of <paramref name="bytes"/> costs the same between nodes as within one, with no NIC gap or relay: then where ranks sit does not matter.</summary>
    public bool Uniform(long bytes) => SendNs(true, bytes) == SendNs(false, bytes) && ReceiveNs(true, bytes) == ReceiveNs(false, bytes)
                                       && WireNs(true, bytes) == WireNs(false, bytes) && GapNs(true, bytes) == 0 && RelaySendNs(bytes) == 0 && RelayReceiveNs(bytes) == 0;

    /// <summary>Whether the NIC's gap can hold a rank's next message back in an exchange stage: g + G·bytes beyond o + latency + o.</summary>
    public bool GapBinds(long bytes) => GapNs(true, bytes) > SendNs(true, bytes) + WireNs(true, bytes) + ReceiveNs(true, bytes);

    private static long Ns(double seconds) => (long)Math.Round(seconds * 1e9);
}

/// <summary>A round's message costs in ns, indexed by whether the message crosses nodes (1) or not (0); the NIC's gap between nodes.</summary>
internal readonly record struct RoundCosts(long[] Send, long[] Wire, long[] Receive, long GapBetween);

using NodeSim.Kernel;

namespace NodeSim.Validation;

/// <summary>A service-time distribution with the moments queueing formulas need.</summary>
public abstract record ServiceTime
{
    public abstract double Mean { get; }
    public abstract double SecondMoment { get; }
    public abstract SimTime Sample(RandomStream random);

    /// <summary>Exponential with <paramref name="Rate"/> per second (the "M" of M/M/c).</summary>
    public sealed record Exponential(double Rate) : ServiceTime
    {
        public override double Mean => 1 / Rate;
        public override double SecondMoment => 2 / (Rate * Rate);
        public override SimTime Sample(RandomStream random) => SimTime.FromSeconds(MathNet.Numerics.Distributions.Exponential.Sample(random, Rate));
    }

    /// <summary>Always <paramref name="Seconds"/> (the "D" of M/D/1).</summary>
    public sealed record Deterministic(double Seconds) : ServiceTime
    {
        public override double Mean => Seconds;
        public override double SecondMoment => Seconds * Seconds;
        public override SimTime Sample(RandomStream random) => SimTime.FromSeconds(Seconds);
    }
}

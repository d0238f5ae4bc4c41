namespace NodeSim.Models.Parameters;

/// <summary>A model whose parameters are declared in a <see cref="ParameterSet"/>: the only ones a scenario can set or sweep.</summary>
public interface IParameterized
{
    /// <summary>The parameters of this model (the same set for every instance of a type).</summary>
    ParameterSet Parameters { get; }
}

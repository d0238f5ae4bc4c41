namespace NodeSim.Validation;

/// <summary>
/// Closed-form results of queueing theory that the kernel is validated against
/// (Kleinrock, <i>Queueing Systems</i> vol. 1, 1975; Harchol-Balter, <i>Performance Modeling and
/// Design of Computer Systems</i>, 2013). Rates are per second, times in seconds.
/// </summary>
public static class QueueingTheory
{
    /// <summary>M/M/1 mean wait in queue: Wq = ρ / (μ − λ).</summary>
    public static double MM1MeanWait(double lambda, double mu)
    {
        RequireStable(lambda, mu, 1);
        return lambda / mu / (mu - lambda);
    }

    /// <summary>Erlang C: probability that an arrival to an M/M/c queue has to wait.</summary>
    public static double ErlangC(int c, double lambda, double mu)
    {
        RequireStable(lambda, mu, c);
        var a = lambda / mu; // offered load in Erlangs
        var rho = a / c;
        double term = 1, sum = 0; // term = a^k / k!
        for (var k = 0; k < c; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }
        var last = term / (1 - rho); // a^c / c! / (1 − ρ)
        return last / (sum + last);
    }

    /// <summary>M/M/c mean wait in queue: Wq = C(c, a) / (cμ − λ).</summary>
    public static double MMcMeanWait(int c, double lambda, double mu) => ErlangC(c, lambda, mu) / (c * mu - lambda);

    /// <summary>
    /// M/G/1 mean wait in queue (Pollaczek–Khinchine): Wq = λ E[S²] / (2 (1 − ρ)).
    /// M/D/1 is the case E[S²] = D².
    /// </summary>
    public static double MG1MeanWait(double lambda, double meanService, double secondMomentService)
    {
        var rho = lambda * meanService;
        if (!(rho < 1)) throw new ArgumentOutOfRangeException(nameof(lambda), rho, "unstable queue: ρ must be < 1");
        return lambda * secondMomentService / (2 * (1 - rho));
    }

    /// <summary>Mean number waiting by Little's law: Lq = λ Wq.</summary>
    public static double LittleQueueLength(double lambda, double meanWait) => lambda * meanWait;

    /// <summary>
    /// M/G/1 with preemptive-resume priority classes (class 0 highest): mean response time of
    /// class <paramref name="k"/>,
    /// T_k = E[S_k] / (1 − σ_{k−1}) + Σ_{i≤k} λ_i E[S_i²] / 2 / ((1 − σ_{k−1})(1 − σ_k)),
    /// where σ_k = Σ_{i≤k} ρ_i. Class 0 alone sees an M/G/1 queue.
    /// </summary>
    public static double PreemptiveResumeResponseTime(int k, IReadOnlyList<double> lambdas, IReadOnlyList<double> meanServices, IReadOnlyList<double> secondMoments)
    {
        double sigmaBefore = 0, residual = 0;
        for (var i = 0; i < k; i++)
        {
            sigmaBefore += lambdas[i] * meanServices[i];
            residual += lambdas[i] * secondMoments[i] / 2;
        }
        residual += lambdas[k] * secondMoments[k] / 2;
        var sigma = sigmaBefore + lambdas[k] * meanServices[k];
        if (!(sigma < 1)) throw new ArgumentOutOfRangeException(nameof(lambdas), sigma, "unstable queue: the load of classes 0..k must be < 1");
        return meanServices[k] / (1 - sigmaBefore) + residual / ((1 - sigmaBefore) * (1 - sigma));
    }

    /// <summary>
    /// M/M/c+M (Erlang-A: Palm 1957; Mandelbaum &amp; Zeltyn, "The Erlang-A/Palm queue", 2007): c
    /// exponential servers of rate μ, and customers whose patience is exponential of rate θ leave
    /// when it runs out before service starts. The number in system is a birth–death chain with
    /// birth rate λ and death rate min(n, c)μ + max(n − c, 0)θ; this returns its stationary mean
    /// number waiting, Lq = E[(N − c)⁺]. Stable for every λ when θ &gt; 0. By Little's law the mean
    /// wait of all arrivals is Lq / λ, and the fraction who abandon is θ Lq / λ.
    /// </summary>
    public static double ErlangAMeanQueueLength(int c, double lambda, double mu, double theta)
    {
        if (!(lambda > 0 && mu > 0 && theta > 0)) throw new ArgumentOutOfRangeException(nameof(lambda), "rates must be positive");
        if (c < 1) throw new ArgumentOutOfRangeException(nameof(c), c, "at least one server");
        // p_n ∝ Π_{k=1..n} λ / death(k); summed until the terms (which shrink once death(k) > λ) vanish.
        double term = 1, total = 1, waiting = 0;
        for (var n = 1; n < 1_000_000; n++)
        {
            term *= lambda / (Math.Min(n, c) * mu + Math.Max(n - c, 0) * theta);
            total += term;
            waiting += Math.Max(n - c, 0) * term;
            if (n > c && term < 1e-18 * total) break;
        }
        return waiting / total;
    }

    private static void RequireStable(double lambda, double mu, int c)
    {
        if (!(lambda > 0 && mu > 0)) throw new ArgumentOutOfRangeException(nameof(lambda), "rates must be positive");
        if (!(lambda < c * mu)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda / (c * mu), "unstable queue: ρ = λ / (cμ) must be < 1");
    }
}

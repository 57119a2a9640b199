namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// The best topic for an utterance. <see cref="Score"/> is the summed weight of the matched keywords
/// and phrases (a single exact keyword scores 3); <see cref="Confidence"/> is a 0..1 heuristic that
/// grows with the score and shrinks when another topic scored almost as well (0.5 and above is a solid match).
/// <see cref="RunnerUp"/> is the second-best topic when it also passed the threshold.
/// </summary>
public sealed record TopicMatch(Topic Topic, double Score, double Confidence, Topic? RunnerUp = null)
{
    /// <summary>The runner-up's score (0 without one): close to <see cref="Score"/> means the message fits both guides.</summary>
    public double RunnerUpScore { get; init; }
}

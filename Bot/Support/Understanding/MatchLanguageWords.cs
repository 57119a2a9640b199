namespace TeamsItBot.Support.Understanding;

/// <summary>
/// Politeness and generic trouble words per language (Lucene's lists cover grammar only): like the
/// English list they never identify a topic on their own ("geht nicht", "ne marche pas", "no funciona").
/// </summary>
internal static class MatchLanguageWords
{
    public static readonly string[] German =
    [
        "hallo", "hi", "guten", "morgen", "tag", "abend", "bitte", "danke", "dank", "vielen", "hilfe", "helfen", "problem", "probleme",
        "fehler", "funktioniert", "funktionieren", "geht", "gehen", "mehr", "kaputt", "defekt", "immer", "wieder", "ständig", "dauernd",
        "heute", "gestern", "plötzlich", "irgendwie", "leider", "mal", "gerade", "richtig", "ganz", "total", "schon", "noch",
        "brauche", "brauchen", "möchte", "will", "kann", "können", "kannst", "könnte", "bekomme", "bekommen", "komme", "kommt",
        "lässt", "lassen", "macht", "machen", "habe", "hat", "haben", "ist", "sind", "wird", "werden", "wurde", "mein", "meine",
        "meinen", "meinem", "meiner", "mir", "mich", "ich", "es", "das", "der", "die", "den", "dem", "ein", "eine", "einen", "beim",
        "im", "am", "ins", "zum", "zur", "vom", "bei", "auf", "aufs", "mit", "von", "nach", "extrem", "sehr", "sofort", "dringend",
        "jemand", "etwas", "alles", "nur", "einfach", "wenn", "weil", "aber", "oder", "und", "sich", "zu", "hause",
    ];

    public static readonly string[] French =
    [
        "bonjour", "salut", "bonsoir", "merci", "svp", "plait", "aide", "aider", "probleme", "problemes", "erreur", "marche",
        "fonctionne", "fonctionner", "arrive", "arriver", "toujours", "encore", "souvent", "depuis", "aujourdhui", "hier", "matin",
        "soudain", "vraiment", "tres", "trop", "tout", "tous", "toute", "temps", "besoin", "veux", "voudrais", "peux", "pouvez",
        "fait", "faire", "ai", "as", "a", "est", "sont", "suis", "mon", "ma", "mes", "me", "moi", "je", "j", "l", "d", "n", "qu", "s",
        "c", "m", "t", "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "dans", "sur", "avec", "pour", "par", "chez",
        "quand", "quelqu", "quelque", "chose", "rien", "urgent", "seul", "seule", "arret", "sans",
    ];

    public static readonly string[] Spanish =
    [
        "hola", "buenos", "buenas", "dias", "tardes", "noches", "gracias", "favor", "ayuda", "ayudar", "problema", "problemas",
        "error", "funciona", "funcionan", "funcionar", "va", "anda", "siempre", "todavia", "aun", "otra", "vez", "desde", "hoy",
        "ayer", "manana", "de", "repente", "muy", "mucho", "todo", "toda", "rato", "necesito", "necesita", "quiero", "puedo",
        "puede", "podria", "hace", "hacer", "tengo", "tiene", "ha", "he", "es", "esta", "estan", "son", "mi", "mis", "me", "yo",
        "el", "la", "los", "las", "un", "una", "del", "al", "en", "con", "para", "por", "que", "cuando", "alguien", "algo", "urgente",
        "solo", "cada", "ya", "queda", "quedo",
    ];
}

MercatoCli.LanguageAsked = MercatoCli.ApplyAskedLanguage(args);
var parsed = MercatoCli.Build().Parse(args);
var exit = await parsed.InvokeAsync();
// A command line that does not parse (an unknown option, a missing argument) is invalid input: exit 2, as for bad values.
return parsed.Errors.Count > 0 && exit != MercatoCli.Ok ? MercatoCli.InvalidInput : exit;

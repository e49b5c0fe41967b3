// The shared value types (day ranges, months, periods, local days, enum words, problems) are used in every folder, and
// every feature writes through the shared helpers and the hosting options.
global using Mercato.Core.Common;
global using Mercato.Hosting;
global using Mercato.Shared;
global using Microsoft.AspNetCore.Http.HttpResults;

// The shared value types (day ranges, months, periods, local days, enum words, problems) are used in every folder.
global using Mercato.Core.Common;

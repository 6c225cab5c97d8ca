package filters

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the test zones do not depend on the machine's zoneinfo
)

// dateCase is one Django result: the instant (UTC, RFC 3339 without zone),
// the zone it is shown in ("fixed:SECONDS" for an unnamed fixed offset),
// the format, "date" for django.utils.dateformat.format or "time" for the
// time filter (an error renders "", an empty format is TIME_FORMAT), and
// Django's output. The wants were produced by Django with zoneinfo zones.
type dateCase struct {
	instant, zone, format, kind, want string
}

var dateCases = []dateCase{
	{"1979-07-08T20:00:00", "Europe/Copenhagen", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "08 Sun 8 Sunday July th 0 189 27 07 Jul 7 jul July July 31 79 1979 False 1979 p.m. PM 9 9 21 09 21 00 00 000000 CET +0100 9 p.m. CET 3600 1979-07-08T21:00:00+01:00 Sun, 08 Jul 1979 21:00:00 +0100 300312000 0"},
	{"2008-05-19T09:45:23.123456", "Europe/Copenhagen", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "19 Mon 19 Monday May th 1 140 21 05 May 5 may May May 31 08 2008 True 2008 a.m. AM 11:45 11 11 11 11 45 23 123456 CEST +0200 11:45 a.m. CEST 7200 2008-05-19T11:45:23.123456+02:00 Mon, 19 May 2008 11:45:23 +0200 1211190323 1"},
	{"2008-01-09T01:23:00", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "09 Wed 9 Wednesday Jan. th 3 9 2 01 Jan 1 jan January January 31 08 2008 True 2008 a.m. AM 1:23 1 1 01 01 23 00 000000 UTC +0000 1:23 a.m. UTC 0 2008-01-09T01:23:00+00:00 Wed, 09 Jan 2008 01:23:00 +0000 1199841780 0"},
	{"2000-12-21T14:01:07", "Europe/Athens", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "21 Thu 21 Thursday Dec. st 4 356 51 12 Dec 12 dec December December 31 00 2000 True 2000 p.m. PM 4:01 4 16 04 16 01 07 000000 EET +0200 4:01 p.m. EET 7200 2000-12-21T16:01:07+02:00 Thu, 21 Dec 2000 16:01:07 +0200 977407267 0"},
	{"2009-05-16T09:00:30", "fixed:-12600", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "16 Sat 16 Saturday May th 6 136 20 05 May 5 may May May 31 09 2009 False 2009 a.m. AM 5:30 5 5 05 05 30 30 000000 UTC-03:30 -0330 5:30 a.m. UTC-03:30 -12600 2009-05-16T05:30:30-03:30 Sat, 16 May 2009 05:30:30 -0330 1242464430 0"},
	{"2024-02-29T12:00:00", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "29 Thu 29 Thursday Feb. th 4 60 9 02 Feb 2 feb February February 29 24 2024 True 2024 p.m. PM 12 12 12 12 12 00 00 000000 UTC +0000 noon UTC 0 2024-02-29T12:00:00+00:00 Thu, 29 Feb 2024 12:00:00 +0000 1709208000 0"},
	{"1900-02-28T00:00:00", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "28 Wed 28 Wednesday Feb. th 3 59 9 02 Feb 2 feb February February 28 00 1900 False 1900 a.m. AM 12 12 0 12 00 00 00 000000 UTC +0000 midnight UTC 0 1900-02-28T00:00:00+00:00 Wed, 28 Feb 1900 00:00:00 +0000 -2203977600 0"},
	{"2000-02-29T23:59:59.999999", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "29 Tue 29 Tuesday Feb. th 2 60 9 02 Feb 2 feb February February 29 00 2000 True 2000 p.m. PM 11:59 11 23 11 23 59 59 999999 UTC +0000 11:59 p.m. UTC 0 2000-02-29T23:59:59.999999+00:00 Tue, 29 Feb 2000 23:59:59 +0000 951868799 0"},
	{"2021-01-01T00:00:00", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Fri 1 Friday Jan. st 5 1 53 01 Jan 1 jan January January 31 21 2021 False 2020 a.m. AM 12 12 0 12 00 00 00 000000 UTC +0000 midnight UTC 0 2021-01-01T00:00:00+00:00 Fri, 01 Jan 2021 00:00:00 +0000 1609459200 0"},
	{"2020-12-31T12:00:00", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "31 Thu 31 Thursday Dec. st 4 366 53 12 Dec 12 dec December December 31 20 2020 True 2020 p.m. PM 12 12 12 12 12 00 00 000000 UTC +0000 noon UTC 0 2020-12-31T12:00:00+00:00 Thu, 31 Dec 2020 12:00:00 +0000 1609416000 0"},
	{"2024-12-30T12:00:00", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "30 Mon 30 Monday Dec. th 1 365 1 12 Dec 12 dec December December 31 24 2024 True 2025 p.m. PM 12 12 12 12 12 00 00 000000 UTC +0000 noon UTC 0 2024-12-30T12:00:00+00:00 Mon, 30 Dec 2024 12:00:00 +0000 1735560000 0"},
	{"2005-10-30T00:00:00", "Europe/Copenhagen", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "30 Sun 30 Sunday Oct. th 0 303 43 10 Oct 10 oct October October 31 05 2005 False 2005 a.m. AM 2 2 2 02 02 00 00 000000 CEST  2 a.m.   2005-10-30T02:00:00+02:00 Sun, 30 Oct 2005 02:00:00 +0200 1130630400 "},
	{"2005-10-30T03:00:00", "Europe/Copenhagen", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "30 Sun 30 Sunday Oct. th 0 303 43 10 Oct 10 oct October October 31 05 2005 False 2005 a.m. AM 4 4 4 04 04 00 00 000000 CET +0100 4 a.m. CET 3600 2005-10-30T04:00:00+01:00 Sun, 30 Oct 2005 04:00:00 +0100 1130641200 0"},
	{"2021-03-14T10:30:00", "America/New_York", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "14 Sun 14 Sunday March th 0 73 10 03 Mar 3 mar March March 31 21 2021 False 2021 a.m. AM 6:30 6 6 06 06 30 00 000000 EDT -0400 6:30 a.m. EDT -14400 2021-03-14T06:30:00-04:00 Sun, 14 Mar 2021 06:30:00 -0400 1615717800 1"},
	{"2021-11-07T05:30:00", "America/New_York", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "07 Sun 7 Sunday Nov. th 0 311 44 11 Nov 11 nov November November 30 21 2021 False 2021 a.m. AM 1:30 1 1 01 01 30 00 000000 EDT  1:30 a.m.   2021-11-07T01:30:00-04:00 Sun, 07 Nov 2021 01:30:00 -0400 1636263000 "},
	{"2021-11-07T06:30:00", "America/New_York", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "07 Sun 7 Sunday Nov. th 0 311 44 11 Nov 11 nov November November 30 21 2021 False 2021 a.m. AM 1:30 1 1 01 01 30 00 000000 EST  1:30 a.m.   2021-11-07T01:30:00-05:00 Sun, 07 Nov 2021 01:30:00 -0500 1636266600 "},
	{"2021-11-07T07:30:00", "America/New_York", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "07 Sun 7 Sunday Nov. th 0 311 44 11 Nov 11 nov November November 30 21 2021 False 2021 a.m. AM 2:30 2 2 02 02 30 00 000000 EST -0500 2:30 a.m. EST -18000 2021-11-07T02:30:00-05:00 Sun, 07 Nov 2021 02:30:00 -0500 1636270200 0"},
	{"2021-06-01T12:00:00", "Asia/Kolkata", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Tue 1 Tuesday June st 2 152 22 06 Jun 6 jun June June 30 21 2021 False 2021 p.m. PM 5:30 5 17 05 17 30 00 000000 IST +0530 5:30 p.m. IST 19800 2021-06-01T17:30:00+05:30 Tue, 01 Jun 2021 17:30:00 +0530 1622548800 0"},
	{"2021-06-01T12:00:00", "Asia/Kathmandu", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Tue 1 Tuesday June st 2 152 22 06 Jun 6 jun June June 30 21 2021 False 2021 p.m. PM 5:45 5 17 05 17 45 00 000000 +0545 +0545 5:45 p.m. +0545 20700 2021-06-01T17:45:00+05:45 Tue, 01 Jun 2021 17:45:00 +0545 1622548800 0"},
	{"2021-06-01T12:00:00", "fixed:0", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Tue 1 Tuesday June st 2 152 22 06 Jun 6 jun June June 30 21 2021 False 2021 p.m. PM 12 12 12 12 12 00 00 000000 UTC +0000 noon UTC 0 2021-06-01T12:00:00+00:00 Tue, 01 Jun 2021 12:00:00 +0000 1622548800 0"},
	{"2021-06-01T12:00:00", "fixed:19800", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Tue 1 Tuesday June st 2 152 22 06 Jun 6 jun June June 30 21 2021 False 2021 p.m. PM 5:30 5 17 05 17 30 00 000000 UTC+05:30 +0530 5:30 p.m. UTC+05:30 19800 2021-06-01T17:30:00+05:30 Tue, 01 Jun 2021 17:30:00 +0530 1622548800 0"},
	{"1969-12-31T23:59:59.500000", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "31 Wed 31 Wednesday Dec. st 3 365 1 12 Dec 12 dec December December 31 69 1969 False 1970 p.m. PM 11:59 11 23 11 23 59 59 500000 UTC +0000 11:59 p.m. UTC 0 1969-12-31T23:59:59.500000+00:00 Wed, 31 Dec 1969 23:59:59 +0000 0 0"},
	{"1965-03-01T00:00:00.000001", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Mon 1 Monday March st 1 60 9 03 Mar 3 mar March March 31 65 1965 False 1965 a.m. AM 12 12 0 12 00 00 00 000001 UTC +0000 midnight UTC 0 1965-03-01T00:00:00.000001+00:00 Mon, 01 Mar 1965 00:00:00 +0000 -152668799 0"},
	{"0001-01-01T00:00:00", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Mon 1 Monday Jan. st 1 1 1 01 Jan 1 jan January January 31 01 0001 False 1 a.m. AM 12 12 0 12 00 00 00 000000 UTC +0000 midnight UTC 0 0001-01-01T00:00:00+00:00 Mon, 01 Jan 0001 00:00:00 +0000 -62135596800 0"},
	{"0099-06-15T13:05:09", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "15 Mon 15 Monday June th 1 166 25 06 Jun 6 jun June June 30 99 0099 False 99 p.m. PM 1:05 1 13 01 13 05 09 000000 UTC +0000 1:05 p.m. UTC 0 0099-06-15T13:05:09+00:00 Mon, 15 Jun 0099 13:05:09 +0000 -59028692091 0"},
	{"9999-12-31T23:59:59", "UTC", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "31 Fri 31 Friday Dec. st 5 365 52 12 Dec 12 dec December December 31 99 9999 False 9999 p.m. PM 11:59 11 23 11 23 59 59 000000 UTC +0000 11:59 p.m. UTC 0 9999-12-31T23:59:59+00:00 Fri, 31 Dec 9999 23:59:59 +0000 253402300799 0"},
	{"2023-01-01T12:00:00", "Asia/Tokyo", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Sun 1 Sunday Jan. st 0 1 52 01 Jan 1 jan January January 31 23 2023 False 2022 p.m. PM 9 9 21 09 21 00 00 000000 JST +0900 9 p.m. JST 32400 2023-01-01T21:00:00+09:00 Sun, 01 Jan 2023 21:00:00 +0900 1672574400 0"},
	{"1900-01-01T12:00:00", "Europe/Amsterdam", "d D j l N S w z W m M n b E F t y Y L o a A f g G h H i s u e O P T Z c r U I", "date", "01 Mon 1 Monday Jan. st 1 1 1 01 Jan 1 jan January January 31 00 1900 False 1900 p.m. PM 12:19 12 12 12 12 19 32 000000 AMT +0019 12:19 p.m. AMT 1172 1900-01-01T12:19:32+00:19:32 Mon, 01 Jan 1900 12:19:32 +001932 -2208945600 0"},
	{"2022-03-01T00:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 12 12 0 12 00 00 07 midnight"},
	{"2022-03-01T00:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 12:05 12 0 12 00 05 07 12:05 a.m."},
	{"2022-03-01T00:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 12:30 12 0 12 00 30 07 12:30 a.m."},
	{"2022-03-02T01:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 1 1 1 01 01 00 07 1 a.m."},
	{"2022-03-02T01:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 1:05 1 1 01 01 05 07 1:05 a.m."},
	{"2022-03-02T01:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 1:30 1 1 01 01 30 07 1:30 a.m."},
	{"2022-03-03T02:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 2 2 2 02 02 00 07 2 a.m."},
	{"2022-03-03T02:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 2:05 2 2 02 02 05 07 2:05 a.m."},
	{"2022-03-03T02:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 2:30 2 2 02 02 30 07 2:30 a.m."},
	{"2022-03-04T03:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 3 3 3 03 03 00 07 3 a.m."},
	{"2022-03-04T03:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 3:05 3 3 03 03 05 07 3:05 a.m."},
	{"2022-03-04T03:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 3:30 3 3 03 03 30 07 3:30 a.m."},
	{"2022-03-05T04:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 4 4 4 04 04 00 07 4 a.m."},
	{"2022-03-05T04:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 4:05 4 4 04 04 05 07 4:05 a.m."},
	{"2022-03-05T04:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 4:30 4 4 04 04 30 07 4:30 a.m."},
	{"2022-03-06T05:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 5 5 5 05 05 00 07 5 a.m."},
	{"2022-03-06T05:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 5:05 5 5 05 05 05 07 5:05 a.m."},
	{"2022-03-06T05:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 5:30 5 5 05 05 30 07 5:30 a.m."},
	{"2022-03-07T06:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 6 6 6 06 06 00 07 6 a.m."},
	{"2022-03-07T06:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 6:05 6 6 06 06 05 07 6:05 a.m."},
	{"2022-03-07T06:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 6:30 6 6 06 06 30 07 6:30 a.m."},
	{"2022-03-08T07:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 7 7 7 07 07 00 07 7 a.m."},
	{"2022-03-08T07:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 7:05 7 7 07 07 05 07 7:05 a.m."},
	{"2022-03-08T07:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 7:30 7 7 07 07 30 07 7:30 a.m."},
	{"2022-03-09T08:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 8 8 8 08 08 00 07 8 a.m."},
	{"2022-03-09T08:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 8:05 8 8 08 08 05 07 8:05 a.m."},
	{"2022-03-09T08:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 8:30 8 8 08 08 30 07 8:30 a.m."},
	{"2022-03-10T09:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 9 9 9 09 09 00 07 9 a.m."},
	{"2022-03-10T09:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 9:05 9 9 09 09 05 07 9:05 a.m."},
	{"2022-03-10T09:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 9:30 9 9 09 09 30 07 9:30 a.m."},
	{"2022-03-11T10:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 10 10 10 10 10 00 07 10 a.m."},
	{"2022-03-11T10:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 10:05 10 10 10 10 05 07 10:05 a.m."},
	{"2022-03-11T10:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 10:30 10 10 10 10 30 07 10:30 a.m."},
	{"2022-03-12T11:00:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 11 11 11 11 11 00 07 11 a.m."},
	{"2022-03-12T11:05:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 11:05 11 11 11 11 05 07 11:05 a.m."},
	{"2022-03-12T11:30:07", "UTC", "a A f g G h H i s P", "date", "a.m. AM 11:30 11 11 11 11 30 07 11:30 a.m."},
	{"2022-03-13T12:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 12 12 12 12 12 00 07 noon"},
	{"2022-03-13T12:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 12:05 12 12 12 12 05 07 12:05 p.m."},
	{"2022-03-13T12:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 12:30 12 12 12 12 30 07 12:30 p.m."},
	{"2022-03-14T13:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 1 1 13 01 13 00 07 1 p.m."},
	{"2022-03-14T13:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 1:05 1 13 01 13 05 07 1:05 p.m."},
	{"2022-03-14T13:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 1:30 1 13 01 13 30 07 1:30 p.m."},
	{"2022-03-15T14:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 2 2 14 02 14 00 07 2 p.m."},
	{"2022-03-15T14:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 2:05 2 14 02 14 05 07 2:05 p.m."},
	{"2022-03-15T14:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 2:30 2 14 02 14 30 07 2:30 p.m."},
	{"2022-03-16T15:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 3 3 15 03 15 00 07 3 p.m."},
	{"2022-03-16T15:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 3:05 3 15 03 15 05 07 3:05 p.m."},
	{"2022-03-16T15:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 3:30 3 15 03 15 30 07 3:30 p.m."},
	{"2022-03-17T16:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 4 4 16 04 16 00 07 4 p.m."},
	{"2022-03-17T16:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 4:05 4 16 04 16 05 07 4:05 p.m."},
	{"2022-03-17T16:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 4:30 4 16 04 16 30 07 4:30 p.m."},
	{"2022-03-18T17:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 5 5 17 05 17 00 07 5 p.m."},
	{"2022-03-18T17:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 5:05 5 17 05 17 05 07 5:05 p.m."},
	{"2022-03-18T17:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 5:30 5 17 05 17 30 07 5:30 p.m."},
	{"2022-03-19T18:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 6 6 18 06 18 00 07 6 p.m."},
	{"2022-03-19T18:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 6:05 6 18 06 18 05 07 6:05 p.m."},
	{"2022-03-19T18:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 6:30 6 18 06 18 30 07 6:30 p.m."},
	{"2022-03-20T19:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 7 7 19 07 19 00 07 7 p.m."},
	{"2022-03-20T19:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 7:05 7 19 07 19 05 07 7:05 p.m."},
	{"2022-03-20T19:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 7:30 7 19 07 19 30 07 7:30 p.m."},
	{"2022-03-21T20:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 8 8 20 08 20 00 07 8 p.m."},
	{"2022-03-21T20:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 8:05 8 20 08 20 05 07 8:05 p.m."},
	{"2022-03-21T20:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 8:30 8 20 08 20 30 07 8:30 p.m."},
	{"2022-03-22T21:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 9 9 21 09 21 00 07 9 p.m."},
	{"2022-03-22T21:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 9:05 9 21 09 21 05 07 9:05 p.m."},
	{"2022-03-22T21:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 9:30 9 21 09 21 30 07 9:30 p.m."},
	{"2022-03-23T22:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 10 10 22 10 22 00 07 10 p.m."},
	{"2022-03-23T22:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 10:05 10 22 10 22 05 07 10:05 p.m."},
	{"2022-03-23T22:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 10:30 10 22 10 22 30 07 10:30 p.m."},
	{"2022-03-24T23:00:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 11 11 23 11 23 00 07 11 p.m."},
	{"2022-03-24T23:05:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 11:05 11 23 11 23 05 07 11:05 p.m."},
	{"2022-03-24T23:30:07", "UTC", "a A f g G h H i s P", "date", "p.m. PM 11:30 11 23 11 23 30 07 11:30 p.m."},
	{"2023-01-01T00:00:00", "UTC", "jS d D l w z W o", "date", "1st 01 Sun Sunday 0 1 52 2022"},
	{"2023-01-02T00:00:00", "UTC", "jS d D l w z W o", "date", "2nd 02 Mon Monday 1 2 1 2023"},
	{"2023-01-03T00:00:00", "UTC", "jS d D l w z W o", "date", "3rd 03 Tue Tuesday 2 3 1 2023"},
	{"2023-01-04T00:00:00", "UTC", "jS d D l w z W o", "date", "4th 04 Wed Wednesday 3 4 1 2023"},
	{"2023-01-05T00:00:00", "UTC", "jS d D l w z W o", "date", "5th 05 Thu Thursday 4 5 1 2023"},
	{"2023-01-06T00:00:00", "UTC", "jS d D l w z W o", "date", "6th 06 Fri Friday 5 6 1 2023"},
	{"2023-01-07T00:00:00", "UTC", "jS d D l w z W o", "date", "7th 07 Sat Saturday 6 7 1 2023"},
	{"2023-01-08T00:00:00", "UTC", "jS d D l w z W o", "date", "8th 08 Sun Sunday 0 8 1 2023"},
	{"2023-01-09T00:00:00", "UTC", "jS d D l w z W o", "date", "9th 09 Mon Monday 1 9 2 2023"},
	{"2023-01-10T00:00:00", "UTC", "jS d D l w z W o", "date", "10th 10 Tue Tuesday 2 10 2 2023"},
	{"2023-01-11T00:00:00", "UTC", "jS d D l w z W o", "date", "11th 11 Wed Wednesday 3 11 2 2023"},
	{"2023-01-12T00:00:00", "UTC", "jS d D l w z W o", "date", "12th 12 Thu Thursday 4 12 2 2023"},
	{"2023-01-13T00:00:00", "UTC", "jS d D l w z W o", "date", "13th 13 Fri Friday 5 13 2 2023"},
	{"2023-01-14T00:00:00", "UTC", "jS d D l w z W o", "date", "14th 14 Sat Saturday 6 14 2 2023"},
	{"2023-01-15T00:00:00", "UTC", "jS d D l w z W o", "date", "15th 15 Sun Sunday 0 15 2 2023"},
	{"2023-01-16T00:00:00", "UTC", "jS d D l w z W o", "date", "16th 16 Mon Monday 1 16 3 2023"},
	{"2023-01-17T00:00:00", "UTC", "jS d D l w z W o", "date", "17th 17 Tue Tuesday 2 17 3 2023"},
	{"2023-01-18T00:00:00", "UTC", "jS d D l w z W o", "date", "18th 18 Wed Wednesday 3 18 3 2023"},
	{"2023-01-19T00:00:00", "UTC", "jS d D l w z W o", "date", "19th 19 Thu Thursday 4 19 3 2023"},
	{"2023-01-20T00:00:00", "UTC", "jS d D l w z W o", "date", "20th 20 Fri Friday 5 20 3 2023"},
	{"2023-01-21T00:00:00", "UTC", "jS d D l w z W o", "date", "21st 21 Sat Saturday 6 21 3 2023"},
	{"2023-01-22T00:00:00", "UTC", "jS d D l w z W o", "date", "22nd 22 Sun Sunday 0 22 3 2023"},
	{"2023-01-23T00:00:00", "UTC", "jS d D l w z W o", "date", "23rd 23 Mon Monday 1 23 4 2023"},
	{"2023-01-24T00:00:00", "UTC", "jS d D l w z W o", "date", "24th 24 Tue Tuesday 2 24 4 2023"},
	{"2023-01-25T00:00:00", "UTC", "jS d D l w z W o", "date", "25th 25 Wed Wednesday 3 25 4 2023"},
	{"2023-01-26T00:00:00", "UTC", "jS d D l w z W o", "date", "26th 26 Thu Thursday 4 26 4 2023"},
	{"2023-01-27T00:00:00", "UTC", "jS d D l w z W o", "date", "27th 27 Fri Friday 5 27 4 2023"},
	{"2023-01-28T00:00:00", "UTC", "jS d D l w z W o", "date", "28th 28 Sat Saturday 6 28 4 2023"},
	{"2023-01-29T00:00:00", "UTC", "jS d D l w z W o", "date", "29th 29 Sun Sunday 0 29 4 2023"},
	{"2023-01-30T00:00:00", "UTC", "jS d D l w z W o", "date", "30th 30 Mon Monday 1 30 5 2023"},
	{"2023-01-31T00:00:00", "UTC", "jS d D l w z W o", "date", "31st 31 Tue Tuesday 2 31 5 2023"},
	{"2023-01-15T00:00:00", "UTC", "b E F M N m n t", "date", "jan January January Jan Jan. 01 1 31"},
	{"2024-01-15T00:00:00", "UTC", "t L", "date", "31 True"},
	{"2023-02-15T00:00:00", "UTC", "b E F M N m n t", "date", "feb February February Feb Feb. 02 2 28"},
	{"2024-02-15T00:00:00", "UTC", "t L", "date", "29 True"},
	{"2023-03-15T00:00:00", "UTC", "b E F M N m n t", "date", "mar March March Mar March 03 3 31"},
	{"2024-03-15T00:00:00", "UTC", "t L", "date", "31 True"},
	{"2023-04-15T00:00:00", "UTC", "b E F M N m n t", "date", "apr April April Apr April 04 4 30"},
	{"2024-04-15T00:00:00", "UTC", "t L", "date", "30 True"},
	{"2023-05-15T00:00:00", "UTC", "b E F M N m n t", "date", "may May May May May 05 5 31"},
	{"2024-05-15T00:00:00", "UTC", "t L", "date", "31 True"},
	{"2023-06-15T00:00:00", "UTC", "b E F M N m n t", "date", "jun June June Jun June 06 6 30"},
	{"2024-06-15T00:00:00", "UTC", "t L", "date", "30 True"},
	{"2023-07-15T00:00:00", "UTC", "b E F M N m n t", "date", "jul July July Jul July 07 7 31"},
	{"2024-07-15T00:00:00", "UTC", "t L", "date", "31 True"},
	{"2023-08-15T00:00:00", "UTC", "b E F M N m n t", "date", "aug August August Aug Aug. 08 8 31"},
	{"2024-08-15T00:00:00", "UTC", "t L", "date", "31 True"},
	{"2023-09-15T00:00:00", "UTC", "b E F M N m n t", "date", "sep September September Sep Sept. 09 9 30"},
	{"2024-09-15T00:00:00", "UTC", "t L", "date", "30 True"},
	{"2023-10-15T00:00:00", "UTC", "b E F M N m n t", "date", "oct October October Oct Oct. 10 10 31"},
	{"2024-10-15T00:00:00", "UTC", "t L", "date", "31 True"},
	{"2023-11-15T00:00:00", "UTC", "b E F M N m n t", "date", "nov November November Nov Nov. 11 11 30"},
	{"2024-11-15T00:00:00", "UTC", "t L", "date", "30 True"},
	{"2023-12-15T00:00:00", "UTC", "b E F M N m n t", "date", "dec December December Dec Dec. 12 12 31"},
	{"2024-12-15T00:00:00", "UTC", "t L", "date", "31 True"},
	{"2015-01-01T12:00:00", "UTC", "o-W z", "date", "2015-1 1"},
	{"2015-01-02T12:00:00", "UTC", "o-W z", "date", "2015-1 2"},
	{"2015-01-03T12:00:00", "UTC", "o-W z", "date", "2015-1 3"},
	{"2015-01-04T12:00:00", "UTC", "o-W z", "date", "2015-1 4"},
	{"2015-12-28T12:00:00", "UTC", "o-W z", "date", "2015-53 362"},
	{"2015-12-29T12:00:00", "UTC", "o-W z", "date", "2015-53 363"},
	{"2015-12-30T12:00:00", "UTC", "o-W z", "date", "2015-53 364"},
	{"2015-12-31T12:00:00", "UTC", "o-W z", "date", "2015-53 365"},
	{"2016-01-01T12:00:00", "UTC", "o-W z", "date", "2015-53 1"},
	{"2016-01-02T12:00:00", "UTC", "o-W z", "date", "2015-53 2"},
	{"2016-01-03T12:00:00", "UTC", "o-W z", "date", "2015-53 3"},
	{"2016-01-04T12:00:00", "UTC", "o-W z", "date", "2016-1 4"},
	{"2016-12-28T12:00:00", "UTC", "o-W z", "date", "2016-52 363"},
	{"2016-12-29T12:00:00", "UTC", "o-W z", "date", "2016-52 364"},
	{"2016-12-30T12:00:00", "UTC", "o-W z", "date", "2016-52 365"},
	{"2016-12-31T12:00:00", "UTC", "o-W z", "date", "2016-52 366"},
	{"2019-01-01T12:00:00", "UTC", "o-W z", "date", "2019-1 1"},
	{"2019-01-02T12:00:00", "UTC", "o-W z", "date", "2019-1 2"},
	{"2019-01-03T12:00:00", "UTC", "o-W z", "date", "2019-1 3"},
	{"2019-01-04T12:00:00", "UTC", "o-W z", "date", "2019-1 4"},
	{"2019-12-28T12:00:00", "UTC", "o-W z", "date", "2019-52 362"},
	{"2019-12-29T12:00:00", "UTC", "o-W z", "date", "2019-52 363"},
	{"2019-12-30T12:00:00", "UTC", "o-W z", "date", "2020-1 364"},
	{"2019-12-31T12:00:00", "UTC", "o-W z", "date", "2020-1 365"},
	{"2020-01-01T12:00:00", "UTC", "o-W z", "date", "2020-1 1"},
	{"2020-01-02T12:00:00", "UTC", "o-W z", "date", "2020-1 2"},
	{"2020-01-03T12:00:00", "UTC", "o-W z", "date", "2020-1 3"},
	{"2020-01-04T12:00:00", "UTC", "o-W z", "date", "2020-1 4"},
	{"2020-12-28T12:00:00", "UTC", "o-W z", "date", "2020-53 363"},
	{"2020-12-29T12:00:00", "UTC", "o-W z", "date", "2020-53 364"},
	{"2020-12-30T12:00:00", "UTC", "o-W z", "date", "2020-53 365"},
	{"2020-12-31T12:00:00", "UTC", "o-W z", "date", "2020-53 366"},
	{"2026-01-01T12:00:00", "UTC", "o-W z", "date", "2026-1 1"},
	{"2026-01-02T12:00:00", "UTC", "o-W z", "date", "2026-1 2"},
	{"2026-01-03T12:00:00", "UTC", "o-W z", "date", "2026-1 3"},
	{"2026-01-04T12:00:00", "UTC", "o-W z", "date", "2026-1 4"},
	{"2026-12-28T12:00:00", "UTC", "o-W z", "date", "2026-53 362"},
	{"2026-12-29T12:00:00", "UTC", "o-W z", "date", "2026-53 363"},
	{"2026-12-30T12:00:00", "UTC", "o-W z", "date", "2026-53 364"},
	{"2026-12-31T12:00:00", "UTC", "o-W z", "date", "2026-53 365"},
	{"2027-01-01T12:00:00", "UTC", "o-W z", "date", "2026-53 1"},
	{"2027-01-02T12:00:00", "UTC", "o-W z", "date", "2026-53 2"},
	{"2027-01-03T12:00:00", "UTC", "o-W z", "date", "2026-53 3"},
	{"2027-01-04T12:00:00", "UTC", "o-W z", "date", "2027-1 4"},
	{"2027-12-28T12:00:00", "UTC", "o-W z", "date", "2027-52 362"},
	{"2027-12-29T12:00:00", "UTC", "o-W z", "date", "2027-52 363"},
	{"2027-12-30T12:00:00", "UTC", "o-W z", "date", "2027-52 364"},
	{"2027-12-31T12:00:00", "UTC", "o-W z", "date", "2027-52 365"},
	{"2032-01-01T12:00:00", "UTC", "o-W z", "date", "2032-1 1"},
	{"2032-01-02T12:00:00", "UTC", "o-W z", "date", "2032-1 2"},
	{"2032-01-03T12:00:00", "UTC", "o-W z", "date", "2032-1 3"},
	{"2032-01-04T12:00:00", "UTC", "o-W z", "date", "2032-1 4"},
	{"2032-12-28T12:00:00", "UTC", "o-W z", "date", "2032-53 363"},
	{"2032-12-29T12:00:00", "UTC", "o-W z", "date", "2032-53 364"},
	{"2032-12-30T12:00:00", "UTC", "o-W z", "date", "2032-53 365"},
	{"2032-12-31T12:00:00", "UTC", "o-W z", "date", "2032-53 366"},
	{"2037-01-01T12:00:00", "UTC", "o-W z", "date", "2037-1 1"},
	{"2037-01-02T12:00:00", "UTC", "o-W z", "date", "2037-1 2"},
	{"2037-01-03T12:00:00", "UTC", "o-W z", "date", "2037-1 3"},
	{"2037-01-04T12:00:00", "UTC", "o-W z", "date", "2037-1 4"},
	{"2037-12-28T12:00:00", "UTC", "o-W z", "date", "2037-53 362"},
	{"2037-12-29T12:00:00", "UTC", "o-W z", "date", "2037-53 363"},
	{"2037-12-30T12:00:00", "UTC", "o-W z", "date", "2037-53 364"},
	{"2037-12-31T12:00:00", "UTC", "o-W z", "date", "2037-53 365"},
	{"2008-01-09T01:23:45.000006", "UTC", "\\Y", "date", "Y"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\Y", "time", "Y"},
	{"2008-01-09T01:23:45.000006", "UTC", "\\", "date", "\\"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\", "time", "\\"},
	{"2008-01-09T01:23:45.000006", "UTC", "Y\\", "date", "2008\\"},
	{"2008-01-09T13:00:00", "Europe/Paris", "Y\\", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "\\\\Y", "date", "\\Y"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\\\Y", "time", "\\Y"},
	{"2008-01-09T01:23:45.000006", "UTC", "\\\\\\Y", "date", "\\Y"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\\\\\Y", "time", "\\Y"},
	{"2008-01-09T01:23:45.000006", "UTC", "jS \\o\\f F", "date", "9th of January"},
	{"2008-01-09T13:00:00", "Europe/Paris", "jS \\o\\f F", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "Y z \\C\\E\\T", "date", "2008 9 CET"},
	{"2008-01-09T13:00:00", "Europe/Paris", "Y z \\C\\E\\T", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "d\\\nm", "date", "09\\\n01"},
	{"2008-01-09T13:00:00", "Europe/Paris", "d\\\nm", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "d\\\n", "date", "09\\\n"},
	{"2008-01-09T13:00:00", "Europe/Paris", "d\\\n", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "H\\h i\\m", "date", "01h 23m"},
	{"2008-01-09T13:00:00", "Europe/Paris", "H\\h i\\m", "time", "14h 00m"},
	{"2008-01-09T01:23:45.000006", "UTC", "Y年n月j日", "date", "2008年1月9日"},
	{"2008-01-09T13:00:00", "Europe/Paris", "Y年n月j日", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "l, j. F Y — H:i", "date", "Wednesday, 9. January 2008 — 01:23"},
	{"2008-01-09T13:00:00", "Europe/Paris", "l, j. F Y — H:i", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "\\é", "date", "é"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\é", "time", "é"},
	{"2008-01-09T01:23:45.000006", "UTC", "\\日d", "date", "日09"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\日d", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "", "date", ""},
	{"2008-01-09T13:00:00", "Europe/Paris", "", "time", "2 p.m."},
	{"2008-01-09T01:23:45.000006", "UTC", "xyz%:,./-", "date", "x089%:,./-"},
	{"2008-01-09T13:00:00", "Europe/Paris", "xyz%:,./-", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "\\\\", "date", "\\"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\\\", "time", "\\"},
	{"2008-01-09T01:23:45.000006", "UTC", "\\\\\\\\", "date", "\\\\"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\\\\\\\", "time", "\\\\"},
	{"2008-01-09T01:23:45.000006", "UTC", "a\\", "date", "a.m.\\"},
	{"2008-01-09T13:00:00", "Europe/Paris", "a\\", "time", "p.m.\\"},
	{"2008-01-09T01:23:45.000006", "UTC", "DATE_FORMAT", "date", "WedAMUTCJanuary_January+0000RJanAMUTC"},
	{"2008-01-09T13:00:00", "Europe/Paris", "DATE_FORMAT", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "N j, Y", "date", "Jan. 9, 2008"},
	{"2008-01-09T13:00:00", "Europe/Paris", "N j, Y", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "N j, Y, P", "date", "Jan. 9, 2008, 1:23 a.m."},
	{"2008-01-09T13:00:00", "Europe/Paris", "N j, Y, P", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "m/d/Y", "date", "01/09/2008"},
	{"2008-01-09T13:00:00", "Europe/Paris", "m/d/Y", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "m/d/Y P", "date", "01/09/2008 1:23 a.m."},
	{"2008-01-09T13:00:00", "Europe/Paris", "m/d/Y P", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "F Y", "date", "January 2008"},
	{"2008-01-09T13:00:00", "Europe/Paris", "F Y", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "F j", "date", "January 9"},
	{"2008-01-09T13:00:00", "Europe/Paris", "F j", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "D d M Y", "date", "Wed 09 Jan 2008"},
	{"2008-01-09T13:00:00", "Europe/Paris", "D d M Y", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "D d M Y H:i", "date", "Wed 09 Jan 2008 01:23"},
	{"2008-01-09T13:00:00", "Europe/Paris", "D d M Y H:i", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "r", "date", "Wed, 09 Jan 2008 01:23:45 +0000"},
	{"2008-01-09T13:00:00", "Europe/Paris", "r", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "c", "date", "2008-01-09T01:23:45.000006+00:00"},
	{"2008-01-09T13:00:00", "Europe/Paris", "c", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "\\n\\t", "date", "nt"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\n\\t", "time", "nt"},
	{"2008-01-09T01:23:45.000006", "UTC", "d́ Y", "date", "09́ 2008"},
	{"2008-01-09T13:00:00", "Europe/Paris", "d́ Y", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "jjj", "date", "999"},
	{"2008-01-09T13:00:00", "Europe/Paris", "jjj", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "\\\\d\\\\m", "date", "\\d\\m"},
	{"2008-01-09T13:00:00", "Europe/Paris", "\\\\d\\\\m", "time", "\\d\\m"},
	{"2008-01-09T01:23:45.000006", "UTC", "H:i", "time", "01:23"},
	{"2021-11-07T05:30:00", "America/New_York", "H:i", "time", "01:30"},
	{"2008-01-09T01:23:45.000006", "UTC", "H\\h i\\m", "time", "01h 23m"},
	{"2021-11-07T05:30:00", "America/New_York", "H\\h i\\m", "time", "01h 30m"},
	{"2008-01-09T01:23:45.000006", "UTC", "P", "time", "1:23 a.m."},
	{"2021-11-07T05:30:00", "America/New_York", "P", "time", "1:30 a.m."},
	{"2008-01-09T01:23:45.000006", "UTC", "g:i a", "time", "1:23 a.m."},
	{"2021-11-07T05:30:00", "America/New_York", "g:i a", "time", "1:30 a.m."},
	{"2008-01-09T01:23:45.000006", "UTC", "e O T Z u", "time", "UTC +0000 UTC 0 000006"},
	{"2021-11-07T05:30:00", "America/New_York", "e O T Z u", "time", "EDT    000000"},
	{"2008-01-09T01:23:45.000006", "UTC", "d", "time", ""},
	{"2021-11-07T05:30:00", "America/New_York", "d", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "H \\d", "time", "01 d"},
	{"2021-11-07T05:30:00", "America/New_York", "H \\d", "time", "01 d"},
	{"2008-01-09T01:23:45.000006", "UTC", "H \\\\d", "time", "01 \\d"},
	{"2021-11-07T05:30:00", "America/New_York", "H \\\\d", "time", "01 \\d"},
	{"2008-01-09T01:23:45.000006", "UTC", "c", "time", ""},
	{"2021-11-07T05:30:00", "America/New_York", "c", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "r", "time", ""},
	{"2021-11-07T05:30:00", "America/New_York", "r", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "U", "time", ""},
	{"2021-11-07T05:30:00", "America/New_York", "U", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "I", "time", ""},
	{"2021-11-07T05:30:00", "America/New_York", "I", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "L", "time", ""},
	{"2021-11-07T05:30:00", "America/New_York", "L", "time", ""},
	{"2008-01-09T01:23:45.000006", "UTC", "", "time", "1:23 a.m."},
	{"2021-11-07T05:30:00", "America/New_York", "", "time", "1:30 a.m."},
	{"2008-01-09T01:23:45.000006", "UTC", "G\\", "time", "1\\"},
	{"2021-11-07T05:30:00", "America/New_York", "G\\", "time", "1\\"},
	{"2008-01-09T01:23:45.000006", "UTC", "\\\\Y H", "time", "\\Y 01"},
	{"2021-11-07T05:30:00", "America/New_York", "\\\\Y H", "time", "\\Y 01"},
	{"2008-01-09T01:23:45.000006", "UTC", "h:i:s A", "time", "01:23:45 AM"},
	{"2021-11-07T05:30:00", "America/New_York", "h:i:s A", "time", "01:30:00 AM"},
}

func caseTime(t *testing.T, instant, zone string) time.Time {
	t.Helper()
	u, err := time.Parse("2006-01-02T15:04:05.999999", instant)
	if err != nil {
		t.Fatal(err)
	}
	if rest, ok := strings.CutPrefix(zone, "fixed:"); ok {
		var off int
		for _, c := range strings.TrimPrefix(rest, "-") {
			off = off*10 + int(c-'0')
		}
		if strings.HasPrefix(rest, "-") {
			off = -off
		}
		// An unnamed fixed zone, like Python's timezone(timedelta(...)).
		return u.In(time.FixedZone("", off))
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	return u.In(loc)
}

// timeFilter renders like Django's time filter: an empty format is
// TIME_FORMAT, a named format is looked up, an error renders "".
func timeFilter(tm time.Time, format string) string {
	if format == "" {
		format = "TIME_FORMAT"
	}
	if named, ok := NamedFormat(format); ok {
		format = named
	}
	s, err := TimeFormat(tm, format)
	if err != nil {
		return ""
	}
	return s
}

func TestDateFormatDjango(t *testing.T) {
	for _, c := range dateCases {
		tm := caseTime(t, c.instant, c.zone)
		var got string
		if c.kind == "time" {
			got = timeFilter(tm, c.format)
		} else {
			got = DateFormat(tm, c.format)
		}
		if got != c.want {
			t.Errorf("%s(%s in %s, %q)\n got %q\nwant %q", c.kind, c.instant, c.zone, c.format, got, c.want)
		}
	}
}

// TestDateFormatDocs checks the examples of Django's documentation of the
// date and time filters.
func TestDateFormatDocs(t *testing.T) {
	value := time.Date(2008, time.January, 9, 1, 23, 0, 0, time.UTC)
	for _, c := range []struct{ format, want string }{
		{"D d M Y", "Wed 09 Jan 2008"},
		{"D d M Y H:i", "Wed 09 Jan 2008 01:23"},
		{"jS F Y H:i", "9th January 2008 01:23"},
		{`jS \o\f F`, "9th of January"},
		{"N j, Y", "Jan. 9, 2008"}, // DATE_FORMAT
		{"N j, Y, P", "Jan. 9, 2008, 1:23 a.m."},
		{"m/d/Y", "01/09/2008"},
	} {
		if got := DateFormat(value, c.format); got != c.want {
			t.Errorf("DateFormat(%q) = %q; want %q", c.format, got, c.want)
		}
	}
	for _, c := range []struct{ format, want string }{
		{"H:i", "01:23"},
		{`H\h i\m`, "01h 23m"},
		{"P", "1:23 a.m."},
	} {
		if got, err := TimeFormat(value, c.format); got != c.want || err != nil {
			t.Errorf("TimeFormat(%q) = %q, %v; want %q", c.format, got, err, c.want)
		}
	}
}

func TestTimeFormatDateCharacters(t *testing.T) {
	value := time.Date(2008, time.January, 9, 13, 5, 0, 0, time.UTC)
	for _, format := range []string{"d", "H:i Y", "c", "r", "U", "l", "\\\nd"} {
		if got, err := TimeFormat(value, format); err == nil {
			t.Errorf("TimeFormat(%q) = %q, nil; want an error", format, got)
		}
	}
	for format, want := range map[string]string{`\d \Y`: "d Y", `\\d`: `\d`, `H \\`: `13 \`, "g:i a": "1:05 p.m.", "": ""} {
		if got, err := TimeFormat(value, format); got != want || err != nil {
			t.Errorf("TimeFormat(%q) = %q, %v; want %q", format, got, err, want)
		}
	}
}

func TestNamedFormat(t *testing.T) {
	for name, want := range map[string]string{
		"DATE_FORMAT":           "N j, Y",
		"DATETIME_FORMAT":       "N j, Y, P",
		"SHORT_DATE_FORMAT":     "m/d/Y",
		"SHORT_DATETIME_FORMAT": "m/d/Y P",
		"TIME_FORMAT":           "P",
		"YEAR_MONTH_FORMAT":     "F Y",
		"MONTH_DAY_FORMAT":      "F j",
	} {
		if got, ok := NamedFormat(name); got != want || !ok {
			t.Errorf("NamedFormat(%q) = %q, %v; want %q, true", name, got, ok, want)
		}
	}
	for _, name := range []string{"", "date_format", "Y-m-d", "DATE_INPUT_FORMATS"} {
		if got, ok := NamedFormat(name); ok {
			t.Errorf("NamedFormat(%q) = %q, true; want false", name, got)
		}
	}
}

func BenchmarkDateFormat(b *testing.B) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		b.Fatal(err)
	}
	value := time.Date(2008, time.January, 9, 13, 23, 45, 123456000, paris)
	for _, format := range []string{"D d M Y H:i", "r", "c", "N j, Y, P"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				DateFormat(value, format)
			}
		})
	}
}

/** `PUT /projects/:key/sla` bodies for tests that only need a project's calendar (its one time zone). */
export const calendarOnly = (timeZone: string, aroundTheClock = false) => ({
  calendar: {
    timeZone,
    aroundTheClock,
    workDays: [1, 2, 3, 4, 5],
    workStart: 540,
    workEnd: 1020,
    holidays: [],
  },
  policy: null,
});

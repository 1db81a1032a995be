package models_test

import (
	"fmt"
	"time"

	"zsa/models"
	"zsa/models/arrivals"
	"zsa/models/calendar"
	"zsa/models/dist"
	"zsa/models/learning"
	"zsa/sim"
)

func Example() {
	effort, _ := dist.LogNormalMedianP90(20, 45) // minutes
	m := &models.Model{
		Start:   calendar.Date{Year: 2026, Month: time.January, Day: 1},
		Horizon: 365 * sim.Day, WarmUp: 28 * sim.Day,
	}
	m.Hours.Open, m.Hours.Close = 7*sim.Hour+30*sim.Minute, 16*sim.Hour
	profile := arrivals.Profile{Weekday: [7]float64{1, 1, 1, 1, 1, 0, 0}, OnlineShare: 0.3}
	for i := range profile.Monthly {
		profile.Monthly[i] = 1
	}
	m.Services = []models.Service{{
		Name: "Hundehaltung", PerThousand: 23, Profile: profile,
		Types: []models.CaseType{{Name: "Anmeldung", Share: 1, Process: models.Process{
			{Name: "register", Effort: effort},
		}}},
		Learning: learning.Curve{Rate: 0.85, Floor: 0.5}, Reference: 100,
		Forgetting: learning.Forgetting{Horizon: 60 * sim.Day}, ServiceLevel: 10,
	}}
	m.Communes = []models.Commune{{AGS: "15090535", Name: "Stendal", Population: 39000,
		Office: map[string]string{"Hundehaltung": "SDL"}}}
	m.Offices = []models.Office{{Key: "SDL", Name: "Hansestadt Stendal", Clerks: []models.Clerk{
		{Name: "clerk 1", FTE: 1, Share: 0.3, Skills: []string{"Hundehaltung"}, Prior: 100},
	}}}
	r, err := models.Run(m, nil, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	o := r.Services[0].Offices[0]
	fmt.Printf("%d cases arrived, %d completed\n", o.Arrived, o.Completed)
	fmt.Printf("effort %.1f min per case, lead time %.1f days\n", o.Effort.Mean(), o.Lead.Mean())
	// Output:
	// 814 cases arrived, 810 completed
	// effort 23.5 min per case, lead time 1.0 days
}

package screens

import (
	"errors"
	"image/color"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"

	"depositdesk/assets/translations"
	"depositdesk/data"
)

// appStatuses are the application statuses in the order an application
// moves through them.
var appStatuses = []data.ApplicationStatus{data.AppDraft, data.AppSubmitted, data.AppApproved, data.AppRejected, data.AppRefunded}

var appStatusLabels = map[data.ApplicationStatus]string{
	data.AppDraft:     msgKey("Draft"),
	data.AppSubmitted: msgKey("Submitted"),
	data.AppApproved:  msgKey("Approved"),
	data.AppRejected:  msgKey("Rejected"),
	data.AppRefunded:  msgKey("Refunded"),
}

// appStatusLabel names an application status.
func appStatusLabel(s data.ApplicationStatus) string { return label(appStatusLabels, s) }

func appStatusRank(s data.ApplicationStatus) int {
	for i, x := range appStatuses {
		if x == s {
			return i
		}
	}
	return len(appStatuses)
}

// appStatusColors are the chip fills of the application statuses, light and
// dark variant: grey draft, blue submitted, green approved, red rejected,
// teal refunded.
var appStatusColors = map[data.ApplicationStatus][2]color.Color{
	data.AppDraft:     {color.NRGBA{0x5f, 0x63, 0x68, 0xff}, color.NRGBA{0xbd, 0xc1, 0xc6, 0xff}},
	data.AppSubmitted: {color.NRGBA{0x15, 0x65, 0xc0, 0xff}, color.NRGBA{0x90, 0xca, 0xf9, 0xff}},
	data.AppApproved:  statusColors[ColorNameReady],
	data.AppRejected:  statusColors[ColorNameBlocked],
	data.AppRefunded:  {color.NRGBA{0x00, 0x69, 0x5c, 0xff}, color.NRGBA{0x80, 0xcb, 0xc4, 0xff}},
}

// overdueColor is the overdue mark's fill: the blocked red.
var overdueColor = statusColors[ColorNameBlocked]

func appStatusColor(s data.ApplicationStatus) [2]color.Color {
	if c, ok := appStatusColors[s]; ok {
		return c
	}
	return appStatusColors[data.AppDraft]
}

// nextStatusAction is the button that moves an application to status s.
func nextStatusAction(s data.ApplicationStatus) string {
	switch s {
	case data.AppSubmitted:
		return lang.L("Mark submitted…")
	case data.AppApproved:
		return lang.L("Mark approved…")
	case data.AppRejected:
		return lang.L("Mark rejected…")
	case data.AppRefunded:
		return lang.L("Mark refunded…")
	}
	return string(s)
}

func nextStatusIcon(s data.ApplicationStatus) fyne.Resource {
	switch s {
	case data.AppSubmitted:
		return theme.MailSendIcon()
	case data.AppApproved:
		return theme.ConfirmIcon()
	case data.AppRejected:
		return theme.CancelIcon()
	case data.AppRefunded:
		return theme.DownloadIcon()
	}
	return nil
}

// trApp is a message of the applications core in the UI language, with the
// ids it carries (statuses, checks) named in that language too.
func trApp(m data.Message) string {
	m.Args = localArgs(m.Args)
	return tr(m)
}

// trAppError is trError with the ids of an applications message named in
// the UI language.
func trAppError(err error) string {
	var m *data.Message
	if errors.As(err, &m) {
		c := *m
		c.Args = localArgs(m.Args)
		return trFull(c)
	}
	return trError(err)
}

// localArgs is a copy of a message's values with the statuses and check ids
// among them in the UI language.
func localArgs(in map[string]any) map[string]any {
	if in == nil {
		return nil
	}
	args := make(map[string]any, len(in))
	for k, v := range in {
		args[k] = v
		s, ok := v.(string)
		if !ok {
			continue
		}
		switch k {
		case "Status", "To", "Step", "Was", "Now":
			args[k] = strings.ToLower(anyStatusLabel(s)) // inside a sentence
		case "Check":
			args[k] = checkLabel(s)
		case "Checks", "Failing":
			args[k] = joinLabels(strings.Split(s, ", "), checkLabel)
		case "Next":
			args[k] = strings.ToLower(joinLabels(strings.Split(s, " or "), anyStatusLabel))
		}
	}
	return args
}

// anyStatusLabel names an application or verdict status; anything else
// (an amount) stays as it is.
func anyStatusLabel(s string) string {
	if _, ok := appStatusLabels[data.ApplicationStatus(s)]; ok {
		return appStatusLabel(data.ApplicationStatus(s))
	}
	if _, ok := statusLabels[s]; ok {
		return statusLabel(s)
	}
	return s
}

func joinLabels(ids []string, name func(string) string) string {
	var out []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, name(id))
		}
	}
	return strings.Join(out, lang.L(", "))
}

// fileURL is the file:// URL of a local path, for OpenURL.
func fileURL(path string) *url.URL {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	}
	return u
}

// dirName is the folder of a path written on any OS.
func dirName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i > 0 {
		return path[:i]
	}
	return filepath.Dir(path)
}

// errorMessage is a sentence already in the UI language, as an error for dialog.ShowError.

// workbookLanguage is what ExportOptions.Lang wants for a UI language.
func workbookLanguage(l Language) string {
	if l.Resolve() == LanguageChinese {
		return "zh"
	}
	return "en"
}

// translator renders core messages in language l whatever the UI language
// is, from the bundled translation file (the English text when it lacks
// one). It is safe to call off the UI goroutine, which lang.L is not while
// the language may change.
func translator(l Language) func(data.Message) string {
	render, err := translations.Translator(string(l.Resolve()))
	if err != nil {
		fyne.LogError("reading the translations", err)
		return func(m data.Message) string { return m.Message() }
	}
	return render
}

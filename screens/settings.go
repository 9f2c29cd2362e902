package screens

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// reviewTime is what Settings needs of the desk for the expected review time:
// it is kept in the database, so the window and the command line flag the
// same applications overdue.
type reviewTime interface {
	ReviewDays(ctx context.Context) int
	SetReviewDays(ctx context.Context, n int) error
}

// settingsScreen is 设置: language, theme, data folder with backup and
// restore, rule sets, review time.
type settingsScreen struct {
	shell *Shell

	language   *widget.Select
	variant    *widget.RadioGroup
	reviewDays *widget.Entry
	saveReview *widget.Button
	openFolder *widget.Button
	backup     *widget.Button
	restore    *widget.Button
	team       teamSection

	ruleSets    []data.RuleSet
	openRuleSet string // id of the rule set shown open, kept across rebuilds
	ruleItems   *widget.Accordion
	ruleCopy    map[string]*widget.Button // by rule set id
	ruleEdit    map[string]*widget.Button // copies only
	editor      *ruleSetEditor            // the editor last opened

	lastBackupErr, lastRestoreErr error // outcome of the last backup and restore (tests)
}

// languageChoices are the languages in the order Settings lists them; the
// languages are named in their own language so anyone can find theirs.
var languageChoices = []Language{LanguageSystem, LanguageChinese, LanguageEnglish}

func languageName(l Language) string {
	switch l {
	case LanguageChinese:
		return "简体中文"
	case LanguageEnglish:
		return "English"
	}
	return lang.L("Same as the system")
}

var variantChoices = []Variant{VariantSystem, VariantLight, VariantDark}

func variantName(v Variant) string {
	switch v {
	case VariantLight:
		return lang.L("Light")
	case VariantDark:
		return lang.L("Dark")
	}
	return lang.L("Same as the system")
}

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	prefs := s.shell.app.Preferences()

	var names []string
	for _, l := range languageChoices {
		names = append(names, languageName(l))
	}
	s.language = widget.NewSelect(names, nil)
	s.language.SetSelected(languageName(Language(prefs.String(prefLanguage))))
	s.language.OnChanged = s.onLanguageChanged

	names = nil
	for _, v := range variantChoices {
		names = append(names, variantName(v))
	}
	s.variant = widget.NewRadioGroup(names, nil)
	s.variant.Horizontal = true
	s.variant.Required = true
	s.variant.SetSelected(variantName(Variant(prefs.String(prefTheme))))
	s.variant.OnChanged = s.onVariantChanged

	appearance := widget.NewCard(lang.L("Appearance"), "", widget.NewForm(
		widget.NewFormItem(lang.L("Language"), s.language),
		widget.NewFormItem(lang.L("Theme"), s.variant),
	))

	path := s.shell.desk.Path()
	pathLabel := widget.NewLabel(path)
	pathLabel.Wrapping = fyne.TextWrapBreak
	pathLabel.Selectable = true
	s.openFolder = widget.NewButtonWithIcon(lang.L("Open the data folder"), theme.FolderOpenIcon(), s.onOpenFolder)
	s.backup = widget.NewButtonWithIcon(lang.L("Back up…"), theme.DocumentSaveIcon(), s.onBackup)
	s.restore = widget.NewButtonWithIcon(lang.L("Restore…"), theme.HistoryIcon(), s.onRestore)
	backupHint := widget.NewLabel(lang.L("A backup is one file with everything: shops, imports, rule sets and applications. Restoring one keeps the current database beside it."))
	backupHint.Wrapping = fyne.TextWrapWord
	backupHint.SizeName = theme.SizeNameCaptionText
	dataCard := widget.NewCard(lang.L("Data"), lang.L("Your shops, imports and applications are kept in this database file."),
		container.NewVBox(pathLabel, container.NewHBox(s.openFolder, s.backup, s.restore), backupHint))
	if s.onTeamDB() {
		// A team database is backed up and restored on its server.
		pathLabel.Hide() // the Team database section names server, database and login
		s.openFolder.Hide()
		s.backup.Hide()
		s.restore.Hide()
		backupHint.SetText(lang.L("A team database lives on its PostgreSQL server: back it up there (pg_dump), or copy it to a file with depositdesk db copy --to FILE."))
		dataCard.SetSubTitle(lang.L("Your shops, imports and applications are kept in the team database."))
	}

	rulesCard := widget.NewCard(lang.L("Rule sets"),
		lang.L("The closure and refund conditions verdicts are checked against. Copy one to adjust it when a platform changes its rules."),
		s.ruleSetsView())

	s.reviewDays = widget.NewEntry()
	s.reviewDays.Validator = validReviewDays
	s.reviewDays.OnChanged = s.onReviewDaysChanged
	s.reviewDays.OnSubmitted = func(string) { s.onSaveReviewDays() }
	s.saveReview = widget.NewButton(lang.L("Save"), s.onSaveReviewDays)
	s.saveReview.Disable()
	if rt, ok := s.shell.desk.(reviewTime); ok {
		s.reviewDays.SetText(strconv.Itoa(rt.ReviewDays(context.Background())))
	} else {
		s.reviewDays.Disable()
	}
	reviewHint := widget.NewLabel(lang.L("A submitted application without a decision after this many days is flagged overdue."))
	reviewHint.Wrapping = fyne.TextWrapWord
	applications := widget.NewCard(lang.L("Applications"), "", container.NewVBox(
		widget.NewForm(widget.NewFormItem(lang.L("Expected review time (days)"),
			container.NewBorder(nil, nil, nil, s.saveReview, s.reviewDays))),
		reviewHint,
	))

	title := widget.NewLabelWithStyle(lang.L("Settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	return container.NewVScroll(container.NewPadded(container.NewVBox(title, appearance, dataCard, s.teamCard(), rulesCard, applications)))
}

func (s *settingsScreen) onLanguageChanged(name string) {
	for _, l := range languageChoices {
		if languageName(l) == name {
			s.shell.SetLanguage(l) // replaces this Select; it only refreshes itself after

			return
		}
	}
}

func (s *settingsScreen) onVariantChanged(name string) {
	for _, v := range variantChoices {
		if variantName(v) == name {
			s.shell.SetVariant(v)
			return
		}
	}
}

func (s *settingsScreen) onOpenFolder() {
	u, err := url.Parse(storage.NewFileURI(filepath.Dir(s.shell.desk.Path())).String())
	if err == nil {
		err = s.shell.app.OpenURL(u)
	}
	if err != nil {
		fyne.LogError("opening the data folder", err)
	}
}

func (s *settingsScreen) onReviewDaysChanged(text string) {
	rt, ok := s.shell.desk.(reviewTime)
	if !ok || validReviewDays(text) != nil || strings.TrimSpace(text) == strconv.Itoa(rt.ReviewDays(context.Background())) {
		s.saveReview.Disable()
		return
	}
	s.saveReview.Enable()
}

// onSaveReviewDays stores the review time once the person is done typing, so
// the audit log records one change, not one per keystroke.
func (s *settingsScreen) onSaveReviewDays() {
	rt, ok := s.shell.desk.(reviewTime)
	if !ok || validReviewDays(s.reviewDays.Text) != nil {
		return
	}
	n, _ := strconv.Atoi(strings.TrimSpace(s.reviewDays.Text))
	if err := rt.SetReviewDays(context.Background(), n); err != nil {
		dialog.ShowError(errors.New(trError(err)), s.shell.win)
		return
	}
	s.saveReview.Disable()
}

func validReviewDays(text string) error {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 1 || n > 365 {
		return errors.New(lang.L("Enter a number of days from 1 to 365."))
	}
	return nil
}

package projects

import (
	"fmt"
	"strings"

	"github.com/sethvargo/go-password/password"
)

const (
	// GeneratedPasswordLength is the length of generated database
	// passwords. With 22 letters, 6 digits and 4 symbols at random
	// positions, a password carries an estimated 185 bits of entropy.
	GeneratedPasswordLength = 32

	// generatedDigits and generatedSymbols are the exact numbers of
	// digits and symbols in a generated password. The rest are letters.
	generatedDigits  = 6
	generatedSymbols = 4

	// PasswordSymbols are the symbols of generated passwords. None of
	// them has a special meaning to a POSIX shell inside a word, in a
	// .env value or in a libpq keyword/value string, so a password can be
	// pasted unquoted. Connection strings percent-encode + and =, which
	// are reserved in a URI.
	PasswordSymbols = "-_.+="

	// maxGenerateAttempts bounds the loop that rejects passwords which
	// start or end with a symbol.
	maxGenerateAttempts = 100
)

// generator is the go-password generator restricted to PasswordSymbols.
var generator = mustGenerator()

func mustGenerator() *password.Generator {
	g, err := password.NewGenerator(&password.GeneratorInput{Symbols: PasswordSymbols})
	if err != nil {
		panic("projects: invalid password generator input: " + err.Error())
	}
	return g
}

// GeneratePassword returns a random database password of
// GeneratedPasswordLength characters: letters, exactly six digits and
// exactly four symbols from PasswordSymbols, drawn with crypto/rand.
//
// The first and last characters are letters or digits. A leading - would
// read as an option on a command line, and a trailing . or - is easily
// lost when the password is copied from a sentence.
func GeneratePassword() (string, error) {
	for range maxGenerateAttempts {
		pw, err := generator.Generate(GeneratedPasswordLength, generatedDigits, generatedSymbols, false, true)
		if err != nil {
			return "", fmt.Errorf("projects: generate password: %w", err)
		}
		if !isSymbol(pw[0]) && !isSymbol(pw[len(pw)-1]) {
			return pw, nil
		}
	}
	// Unreachable in practice: about a quarter of the draws are rejected.
	return "", fmt.Errorf("projects: generate password: no suitable password in %d attempts", maxGenerateAttempts)
}

func isSymbol(c byte) bool {
	return strings.IndexByte(PasswordSymbols, c) >= 0
}

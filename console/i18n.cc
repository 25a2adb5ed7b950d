#include "console/i18n.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

namespace vci::console {
namespace {

struct Entry {
  std::string_view key, en, de, fr;
};

// Every visible text of the console. Keep the three columns aligned when adding one.
constexpr std::array kCatalog = {
    Entry{"app.title", "Credential console", "Nachweis-Konsole", "Console des attestations"},
    Entry{"skip", "Skip to content", "Zum Inhalt springen", "Aller au contenu"},
    Entry{"types.heading", "Credentials you can obtain", "Nachweise, die Sie erhalten können",
          "Attestations que vous pouvez obtenir"},
    Entry{"types.intro", "Pick one to put it into the wallet on your phone.",
          "Wählen Sie einen aus, um ihn in die Wallet auf Ihrem Telefon zu laden.",
          "Choisissez-en une pour la mettre dans le portefeuille de votre téléphone."},
    Entry{"types.none", "There are no credentials for you.", "Für Sie gibt es keine Nachweise.",
          "Aucune attestation n'est disponible pour vous."},
    Entry{"types.get", "Get", "Erhalten", "Obtenir"},
    Entry{"logout", "Log out", "Abmelden", "Se déconnecter"},
    Entry{"login", "Log in", "Anmelden", "Se connecter"},
    Entry{"offer.heading", "Scan with your wallet", "Mit Ihrer Wallet scannen",
          "Scannez avec votre portefeuille"},
    Entry{"offer.qr", "QR code of the credential offer", "QR-Code des Nachweisangebots",
          "Code QR de l'offre d'attestation"},
    Entry{"offer.same_device", "Open in a wallet on this device",
          "In einer Wallet auf diesem Gerät öffnen",
          "Ouvrir dans un portefeuille sur cet appareil"},
    Entry{"offer.link", "Offer link", "Angebotslink", "Lien de l'offre"},
    Entry{"offer.expires", "The offer expires at", "Das Angebot läuft ab um", "L'offre expire à"},
    Entry{"offer.mail", "We sent the transaction code to your e-mail address.",
          "Den Transaktionscode haben wir an Ihre E-Mail-Adresse geschickt.",
          "Nous avons envoyé le code de transaction à votre adresse e-mail."},
    Entry{"offer.screen", "Transaction code (shown here by this kiosk's configuration)",
          "Transaktionscode (hier angezeigt, so ist dieser Kiosk eingerichtet)",
          "Code de transaction (affiché ici selon la configuration de ce kiosque)"},
    Entry{"offer.status", "Status", "Status", "État"},
    Entry{"offer.reload", "Check again", "Erneut prüfen", "Vérifier à nouveau"},
    Entry{"offer.back", "Back to the list", "Zurück zur Liste", "Retour à la liste"},
    Entry{"status.pending", "Waiting for your wallet…", "Warten auf Ihre Wallet …",
          "En attente de votre portefeuille…"},
    Entry{"status.redeemed", "Your wallet has received the credential.",
          "Ihre Wallet hat den Nachweis erhalten.", "Votre portefeuille a reçu l'attestation."},
    Entry{"status.expired", "The offer has expired.", "Das Angebot ist abgelaufen.",
          "L'offre a expiré."},
    Entry{"status.cancelled", "The offer was cancelled.", "Das Angebot wurde zurückgezogen.",
          "L'offre a été annulée."},
    Entry{"status.invalidated", "The offer was blocked after wrong transaction codes.",
          "Das Angebot wurde nach falschen Transaktionscodes gesperrt.",
          "L'offre a été bloquée après des codes de transaction erronés."},
    Entry{"error.heading", "Something went wrong", "Etwas ist schiefgegangen",
          "Une erreur s'est produite"},
    Entry{"error.login", "The login could not be completed. Please log in again.",
          "Die Anmeldung konnte nicht abgeschlossen werden. Bitte melden Sie sich erneut an.",
          "La connexion n'a pas pu aboutir. Veuillez vous reconnecter."},
    Entry{"error.forbidden", "This request is not allowed.", "Diese Anfrage ist nicht erlaubt.",
          "Cette requête n'est pas autorisée."},
    Entry{"error.unavailable", "The service is unavailable. Please try again later.",
          "Der Dienst ist nicht erreichbar. Bitte versuchen Sie es später erneut.",
          "Le service est indisponible. Veuillez réessayer plus tard."},
    Entry{"error.not_found", "This page does not exist.", "Diese Seite gibt es nicht.",
          "Cette page n'existe pas."},
    Entry{"error.mail", "The transaction code could not be sent by e-mail.",
          "Der Transaktionscode konnte nicht per E-Mail verschickt werden.",
          "Le code de transaction n'a pas pu être envoyé par e-mail."},
    Entry{"logged_out.heading", "You are logged out", "Sie sind abgemeldet",
          "Vous êtes déconnecté"},
    Entry{"mail.subject", "Your transaction code", "Ihr Transaktionscode",
          "Votre code de transaction"},
    Entry{"mail.body", "Enter this transaction code in your wallet to receive the credential:",
          "Geben Sie diesen Transaktionscode in Ihrer Wallet ein, um den Nachweis zu erhalten:",
          "Saisissez ce code de transaction dans votre portefeuille pour recevoir l'attestation :"},
};

// QValue parses the q parameter of one Accept-Language entry ("q=0.5"); 1 when absent.
double QValue(std::string_view params) {
  size_t q = params.find("q=");
  if (q == std::string_view::npos) {
    return 1.0;
  }
  std::string text(params.substr(q + 2, 5));
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? 0.0 : value;
}

}  // namespace

Lang PickLang(std::string_view header) {
  Lang best = Lang::kEn;
  double best_q = 0.0;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? "" : header.substr(comma + 1);
    size_t semicolon = entry.find(';');
    std::string_view tag = entry.substr(0, semicolon);
    while (!tag.empty() && tag.front() == ' ') {
      tag.remove_prefix(1);
    }
    double q = semicolon == std::string_view::npos ? 1.0 : QValue(entry.substr(semicolon));
    std::string prefix;
    for (char c : tag.substr(0, 2)) {
      prefix.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (tag.size() > 2 && tag[2] != '-') {
      continue;
    }
    std::optional<Lang> lang;
    if (prefix == "en") {
      lang = Lang::kEn;
    } else if (prefix == "de") {
      lang = Lang::kDe;
    } else if (prefix == "fr") {
      lang = Lang::kFr;
    }
    if (lang.has_value() && q > best_q) {
      best = *lang;
      best_q = q;
    }
  }
  return best;
}

std::string_view LangTag(Lang lang) {
  switch (lang) {
    case Lang::kDe:
      return "de";
    case Lang::kFr:
      return "fr";
    case Lang::kEn:
      return "en";
  }
  return "en";
}

std::string_view T(Lang lang, std::string_view key) {
  for (const Entry& entry : kCatalog) {
    if (entry.key == key) {
      std::string_view text = lang == Lang::kDe   ? entry.de
                              : lang == Lang::kFr ? entry.fr
                                                  : entry.en;
      return text.empty() ? entry.en : text;
    }
  }
  return key;
}

}  // namespace vci::console

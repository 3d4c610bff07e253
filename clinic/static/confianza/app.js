/* Confianza: mark that JavaScript runs, so the collapsed phone menu is only collapsed when the
   vendored Bootstrap script can open it (without JavaScript the menu stays open). */
document.documentElement.classList.add("js");
